/**
 * A purchase as the "Record Purchase" fields hand it over: amount and details, extra key/value properties, and the
 * purchased items as Zapier line items (an array of objects, numbers as numbers or text). Every check names the field,
 * and for an item its number: "Items, item 2, Price: ...".
 */
import { defineInputField, defineInputFields } from 'zapier-platform-core';
import { propertiesProblems } from '../clevertap/checks';
import { MAX_CHARGED_ITEMS } from '../clevertap/purchases';
import {
  chargedData,
  itemCountProblem,
  ITEM_KEYS,
  Purchase,
  PurchaseItem,
  RESERVED_CHARGED_KEYS,
  RESERVED_ITEM_KEYS,
} from '../clevertap/purchases';
import type { Scalar } from '../clevertap/records';
import { parseCurrency } from '../input/currency';
import { InputError } from '../input/errors';
import { parseJsonObject } from '../input/json';
import { parseNumber } from '../input/numbers';
import { checkProperties } from '../input/properties';
import { textOf } from '../input/text';
import { DEFAULT_TYPING, rowValue, ValueTyping, withDeclaredTypes } from '../input/values';
import { quoted } from '../wording';
import { defineField, valuesOf } from './define';
import { readRows } from './event';
import { parseValueTyping } from './values';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A single-value text field: trimmed, undefined when empty; a list or a group is refused naming the field. */
const text = (field: string, value: unknown): string | undefined => textOf(field, value) || undefined;

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim());

// Text fields, not `number`: Zapier would turn `$1,200.50` into 1 and `1.200,50` into 1.2 before the app saw them.
const NUMBER =
  'A plain number with a dot for decimals, e.g. `1200.50`; `$1,200.50` or `1.200,50` stops the step rather than be guessed.';

/**
 * A child of Items. Its reader gives the label a message names it by at its place in the list ("Items, item 2,
 * Price"); `parseItem` reads the values, which depend on one another (the name checked with the category).
 */
const itemChild = <const K extends string>(key: K, label: string, helpText: string, required = false) =>
  defineField(
    { key, label, type: 'string', required, helpText },
    (own, value, where: string) => `${where}, ${own}`,
  );

/** The children of the Items line-item group, in the editor's order. */
const ITEM = {
  productName: itemChild(
    'productName',
    'Product Name',
    `The name of the product, e.g. \`Annual Plan\`. Map the line items of the order or deal into these item ` +
      `fields: at least 1 and at most ${MAX_CHARGED_ITEMS} items; items whose fields are all empty are skipped.`,
    true,
  ),
  category: itemChild('category', 'Category', 'The category of the product, e.g. `Subscriptions`.'),
  quantity: itemChild('quantity', 'Quantity', `How many were bought. ${NUMBER}`),
  price: itemChild('price', 'Price', `The price of one unit. ${NUMBER}`),
  itemProperties: itemChild(
    'itemProperties',
    'Item Properties',
    'Other details of the item as `Name=Value` pairs separated by `;`, e.g. `Color=Red; Size=M`, or as a JSON ' +
      'object, e.g. `{"Color": "Red", "Weight": 1.5}`. **Convert Value Types** and **Keep as Text** apply to the ' +
      '`Name=Value` form.',
  ),
} as const;

type ItemChild = keyof typeof ITEM;

const ITEM_CHILDREN = Object.values(ITEM).map((child) => child.input);

/** The purchase's own fields. */
const PURCHASE = {
  amount: defineField(
    {
      key: 'amount',
      label: 'Amount',
      type: 'string',
      required: true,
      helpText: `The total of the purchase, e.g. a HubSpot deal's Amount; a mapped value that is empty stops the step. ${NUMBER}`,
    },
    // The purchase's total: a purchase without one would be stored as a Charged event that counts for nothing.
    (label, value): number => {
      const amount = parseNumber(label, value);
      if (amount === undefined)
        throw new InputError(
          label,
          "a purchase needs its total, and the value is empty. Map the deal's or order's Amount, or type it, like " +
            '1200.50; nothing was sent.',
        );
      return amount;
    },
  ),
  currency: defineField(
    {
      key: 'currency',
      label: 'Currency',
      type: 'string',
      required: false,
      helpText:
        'The ISO 4217 code of the currency of the amount and prices, e.g. `USD` or `EUR` (`usd` is sent as `USD`); ' +
        'any other value, like `dollars` or `$`, stops the step.',
    },
    parseCurrency,
  ),
  paymentMode: defineField(
    {
      key: 'paymentMode',
      label: 'Payment Mode',
      type: 'string',
      required: false,
      helpText: 'How the purchase was paid, e.g. `Credit Card` or `Invoice`.',
    },
    (label, value) => detail(label, value),
  ),
  chargedId: defineField(
    {
      key: 'chargedId',
      label: 'Charged ID',
      type: 'string',
      required: false,
      helpText: "The id of the order or deal, e.g. a HubSpot deal's Record ID; sent as text.",
    },
    (label, value) => detail(label, value),
  ),
  items: {
    input: defineInputField({
      key: 'items',
      label: 'Items',
      required: false,
      // A parent field may not have helpText (Zapier's schema); the help is on Product Name, the first child.
      children: ITEM_CHILDREN,
    }),
  },
  properties: defineField(
    {
      key: 'properties',
      label: 'Other Purchase Properties',
      dict: true,
      required: false,
      helpText:
        'Any other details of the purchase, one per row: the property name on the left and its value on the right, ' +
        'e.g. `Deal Stage` and `closedwon`. Rows with an empty value are skipped. Amount, Currency, Payment Mode, ' +
        'Charged ID and Items are set by the fields above.',
    },
    readRows,
  ),
} as const;

/** The purchase's own fields, in the editor's order: amount, details, the line items, other properties. */
export const purchaseFields = defineInputFields([
  PURCHASE.amount.input,
  PURCHASE.currency.input,
  PURCHASE.paymentMode.input,
  PURCHASE.chargedId.input,
  PURCHASE.items.input,
  PURCHASE.properties.input,
]);

/** Throws the first problem CleverTap's rules find in a set of item properties, named by item and child. */
function checkItemProperties(field: string, properties: Record<string, unknown>): Record<string, Scalar> {
  const problem = propertiesProblems(properties, 'item')[0];
  if (problem) throw new InputError(field, `this ${problem}.`);
  return properties as Record<string, Scalar>;
}

/**
 * Custom properties of one line item. A line-item child cannot be a key/value field, so this is text: either
 * `Color=Red; Size=M` (pairs separated by semicolons or line breaks, empty values skipped; values are typed like
 * key/value rows as `typing` says: a declared type, else `1.5` a number, `true` true/false, `"42"` text) or a JSON
 * object such as `{"Color": "Red", "Weight": 1.5}` (sent as written, but for declared types).
 */
export function parseItemProperties(
  field: string,
  value: unknown,
  typing: ValueTyping = DEFAULT_TYPING,
): Record<string, unknown> {
  if (isObject(value)) return withDeclaredTypes(field, value, typing);
  const raw = text(field, value);
  if (raw === undefined) return {};
  if (raw.startsWith('{')) return withDeclaredTypes(field, parseJsonObject(field, raw), typing);
  const out: Record<string, unknown> = {};
  for (const pair of raw
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 0)
      throw new InputError(
        field,
        `${quoted(pair)} is not name=value. Write the properties like Color=Red; Size=M, or as JSON.`,
      );
    const key = pair.slice(0, at).trim();
    if (!key) throw new InputError(field, `${quoted(pair)} has no property name before the "=".`);
    if (Object.hasOwn(out, key)) throw new InputError(field, `the property "${key}" is given twice.`);
    const given = pair.slice(at + 1).trim();
    if (given) out[key] = rowValue(field, key, given, typing);
  }
  return out;
}

/** The line items as Zapier hands them over: the group's array, or (no array) the children given at the top level. */
function lineItems(input: Record<string, unknown>): unknown[] {
  const items = input.items;
  if (Array.isArray(items)) return items;
  if (isObject(items)) return [items];
  if (typeof items === 'string' && items.trim())
    throw new InputError(
      PURCHASE.items.input.label,
      'map each item field (Product Name, Price, ...) to a line-item field.',
    );
  const single = valuesOf(ITEM_CHILDREN, input);
  return [single];
}

function parseItem(raw: unknown, number: number, typing: ValueTyping): PurchaseItem {
  const where = `${PURCHASE.items.input.label}, item ${number}`;
  if (!isObject(raw)) throw new InputError(where, 'this item is not a set of item fields.');
  const label = (child: ItemChild) => ITEM[child].read(undefined, where);
  const productName = text(label('productName'), raw.productName);
  if (!productName) throw new InputError(label('productName'), 'fill in the name of the product.');
  const standard = {
    productName,
    category: text(label('category'), raw.category),
    quantity: parseNumber(label('quantity'), raw.quantity),
    price: parseNumber(label('price'), raw.price),
  };
  for (const child of ['productName', 'category'] as const) {
    const value = standard[child];
    if (value !== undefined) checkItemProperties(label(child), { [ITEM_KEYS[child]]: value });
  }
  const custom = parseItemProperties(label('itemProperties'), raw.itemProperties, typing);
  const clash = Object.keys(custom).find((key) => RESERVED_ITEM_KEYS.includes(key));
  if (clash)
    throw new InputError(
      label('itemProperties'),
      `"${clash}" is set by the item's own ${clash} field; remove it from the item properties.`,
    );
  return { ...standard, properties: checkItemProperties(label('itemProperties'), custom) };
}

/**
 * The line items, empty ones (every child blank, or null where Zapier dropped an empty row's values) left out; at
 * least one and at most the cap. Each item keeps its position in the user's list in messages ("item 7").
 */
export function parseItems(
  input: Record<string, unknown>,
  typing: ValueTyping = DEFAULT_TYPING,
): PurchaseItem[] {
  const items = lineItems(input).flatMap((item, index) =>
    item === undefined ||
    item === null ||
    (isObject(item) && ITEM_CHILDREN.every((c) => isEmpty(item[c.key])))
      ? []
      : [parseItem(item, index + 1, typing)],
  );
  const problem = itemCountProblem(items.length);
  if (problem)
    throw new InputError(
      PURCHASE.items.input.label,
      items.length
        ? `${problem}. Split the purchase into several.`
        : `${problem}: map the line items of the order or deal.`,
    );
  return items;
}

/** One of the purchase's text details, checked against CleverTap's value rules under its own field label. */
function detail(label: string, value: unknown) {
  const given = text(label, value);
  if (given !== undefined) checkProperties(label, { [label]: given }, 'event');
  return given;
}

/** The whole purchase, checked: numbers, items, extra properties that do not clash, CleverTap's key and value rules. */
export function parsePurchase(input: Record<string, unknown>): Purchase {
  const amount = PURCHASE.amount.read(input.amount);
  const currency = PURCHASE.currency.read(input.currency);
  const typing = parseValueTyping(input);
  const properties = checkProperties(
    PURCHASE.properties.input.label,
    PURCHASE.properties.read(input.properties, typing),
    'event',
  );
  const clash = Object.keys(properties).find((key) =>
    RESERVED_CHARGED_KEYS.some((reserved) => reserved.toLowerCase() === key.toLowerCase()),
  );
  if (clash)
    throw new InputError(
      PURCHASE.properties.input.label,
      `"${clash}" is set by the purchase itself${clash === 'Items' ? ' (the line items)' : ` (the ${clash} field)`}; ` +
        'remove it from the other properties.',
    );
  const purchase: Purchase = {
    amount,
    currency,
    paymentMode: PURCHASE.paymentMode.read(input.paymentMode),
    chargedId: PURCHASE.chargedId.read(input.chargedId),
    properties,
    items: parseItems(input, typing),
  };
  checkProperties(PURCHASE.properties.input.label, chargedData(purchase), 'event', true);
  return purchase;
}
