import { joinWithin, QUOTED_CHARS, quoted, shortened, itemList } from '../src/wording';

describe('quoted: a user value in a message', () => {
  it('quotes a short value as it is', () => {
    expect(quoted('Gold')).toBe('"Gold"');
    expect(quoted('')).toBe('""');
  });

  it('keeps a value of exactly 40 characters whole', () => {
    const value = 'x'.repeat(QUOTED_CHARS);
    expect(quoted(value)).toBe(`"${value}"`);
  });

  it('shortens a longer value to 40 characters, the last one "…"', () => {
    const shown = quoted('abcdefghij'.repeat(10));
    expect(shown).toBe(`"${'abcdefghij'.repeat(4).slice(0, 39)}…"`);
    expect([...shown.slice(1, -1)]).toHaveLength(40);
  });

  it('takes another length', () => {
    expect(quoted('Lifecycle Stage', 10)).toBe('"Lifecycle…"');
    expect(quoted('Plan', 10)).toBe('"Plan"');
  });

  it('puts the value on one line, white space runs as one space', () => {
    expect(quoted('Ada\n  "The Countess"\tLovelace')).toBe('"Ada "The Countess" Lovelace"');
  });

  it('counts characters, not UTF-16 units, so an emoji or an accented letter is never cut in half', () => {
    expect(quoted('😀'.repeat(50))).toBe(`"${'😀'.repeat(39)}…"`);
    expect(quoted('é'.repeat(40))).toBe(`"${'é'.repeat(40)}"`);
  });
});

describe('shortened', () => {
  it('is quoted without the quotes', () => {
    expect(shortened('Bad JSON', 100)).toBe('Bad JSON');
    expect(shortened('a\n\nb', 100)).toBe('a b');
    expect(shortened('x'.repeat(101), 100)).toBe(`${'x'.repeat(99)}…`);
  });
});

describe('joinWithin: as many parts as fit', () => {
  const parts = ['item 1: bad email', 'item 2: bad phone', 'item 3: bad date'];

  it('joins every part when they all fit, with none left', () => {
    expect(joinWithin(parts, '; ', 250)).toEqual({
      text: 'item 1: bad email; item 2: bad phone; item 3: bad date',
      left: 0,
    });
  });

  it('fits exactly at the limit', () => {
    const all = parts.join('; ');
    expect(joinWithin(parts, '; ', all.length)).toEqual({ text: all, left: 0 });
    expect(joinWithin(parts, '; ', all.length - 1)).toEqual({
      text: 'item 1: bad email; item 2: bad phone',
      left: 1,
    });
  });

  it('stops at the first part that does not fit, and says how many were left out', () => {
    expect(joinWithin(parts, '; ', 20)).toEqual({ text: 'item 1: bad email', left: 2 });
  });

  it('never goes over the limit, with a part list of any size', () => {
    const many = Array.from({ length: 200 }, (_, i) => `item ${i + 1}: Email is not a valid email address`);
    const { text, left } = joinWithin(many, ' ', 180);
    expect(text.length).toBeLessThanOrEqual(180);
    expect(text.startsWith('item 1: Email')).toBe(true);
    expect(left).toBe(200 - text.split(' item ').length);
  });

  it('always keeps the first part, shortened with "…" when it alone is too long', () => {
    const { text, left } = joinWithin(['x'.repeat(300), 'y'], '; ', 50);
    expect(text).toBe(`${'x'.repeat(49)}…`);
    expect(text).toHaveLength(50);
    expect(left).toBe(1);
  });

  it('keeps a first part that fits as it is, its spacing too, even at exactly the limit', () => {
    expect(joinWithin(['a  b\nc', 'd'], '; ', 6)).toEqual({ text: 'a  b\nc', left: 1 });
    expect(joinWithin(['a  b\nc'], '; ', 100)).toEqual({ text: 'a  b\nc', left: 0 });
  });

  it('gives an empty text for no parts', () => {
    expect(joinWithin([], '; ', 100)).toEqual({ text: '', left: 0 });
  });
});

describe('itemList', () => {
  it.each([
    [[5], 'item 5'],
    [[1, 2, 3, 7, 9, 10], 'items 1-3, 7, 9-10'],
    [[3, 1, 2], 'items 1-3'],
  ])('%p -> %s', (items, text) => expect(itemList(items)).toBe(text));

  it('names an item given twice once', () => {
    expect(itemList([2, 2, 3, 3, 5])).toBe('items 2-3, 5');
  });

  it('shows at most the given number of ranges', () => {
    expect(itemList([1, 3, 5, 7], 2)).toBe('items 1, 3 and 2 more');
  });
});
