import { escapeHtml, helpToHtml, safeHref } from '../../preview/markdown';

describe('helpToHtml', () => {
  it('renders bold, code and links as the Zap editor does', () => {
    const html = helpToHtml(
      'Find it under **Settings > Project**, like `W9R-486-4W5Z`. [How to find it](https://example.com/a?b=1&c=2)',
    );
    expect(html).toBe(
      '<p>Find it under <strong>Settings &gt; Project</strong>, like <code>W9R-486-4W5Z</code>. ' +
        '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">How to find it</a></p>',
    );
  });

  it('shows raw HTML as text instead of running it', () => {
    const html = helpToHtml('a <script>alert(1)</script> <b onclick="x()">b</b> `<i>`');
    expect(html).not.toMatch(/<script|<b |<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<code>&lt;i&gt;</code>');
  });

  it('keeps only http(s) and mailto links, and never loads an image', () => {
    const html = helpToHtml(
      '[bad](javascript:alert(1)) [data](data:text/html,x) [mail](mailto:a@example.com) ![pic](https://example.com/p.png)',
    );
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:');
    expect(html).not.toContain('<img');
    expect(html).toContain('bad');
    expect(html).toContain('<a href="mailto:a@example.com"');
    expect(html).toContain('pic');
  });

  it('turns bare web addresses into links (GitHub-flavoured Markdown)', () => {
    expect(helpToHtml('See https://example.com/docs.')).toContain('<a href="https://example.com/docs"');
  });

  it('gives nothing for empty or missing help', () => {
    expect(helpToHtml(undefined)).toBe('');
    expect(helpToHtml('  ')).toBe('');
  });
});

describe('escapeHtml and safeHref', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('accepts web and mail addresses only', () => {
    expect(safeHref(' https://example.com ')).toBe('https://example.com');
    expect(safeHref('HTTP://example.com')).toBe('HTTP://example.com');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
    expect(safeHref('//example.com')).toBeUndefined();
  });
});
