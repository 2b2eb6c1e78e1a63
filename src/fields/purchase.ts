/**
 * A purchase as the "Record Purchase" fields hand it over: amount and details, extra key/value properties, and the
 * purchased items as Zapier line items (an array of objects, numbers as numbers or text). Every check names the field,
 * and for an item its number: "Items, item 2, Price: ...".
 */
import { defineInputFields } from 'zapier-platform-core';
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
import type { EventValue, Scalar } from '../clevertap/records';
import { parseCurrency } from '../input/currency';
import { InputError } from '../input/errors';
import { parseJsonObject } from '../input/json';
import { parseNumber } from '../input/numbers';
import { checkProperties } from '../input/properties';
import { textOf } from '../input/text';
import { DEFAULT_TYPING, parseKeyValues, rowValue, ValueTyping, withDeclaredTypes } from '../input/values';
import { quoted } from '../wording';
import { parseValueTyping } from './values';

/** Labels of the purchase's fields, as the Zap editor shows them. */
export const PURCHASE_LABELS = {
  amount: 'Amount',
  currency: 'Currency',
  paymentMode: 'Payment Mode',
  chargedId: 'Charged ID',
  properties: 'Other Purchase Properties',
  items: 'Items',
} as const;

/** Labels of the children of the Items line-item group. */
export const ITEM_LABELS = {
  productName: 'Product Name',
  category: 'Category',
  quantity: 'Quantity',
  price: 'Price',
  itemProperties: 'Item Properties',
} as const;

type ItemChild = keyof typeof ITEM_LABELS;

const ITEM_CHILDREN = Object.keys(ITEM_LABELS) as ItemChild[];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A single-value text field: trimmed, undefined when empty; a list or a group is refused naming the field. */
const text = (field: string, value: unknown): string | undefined => textOf(field, value) || undefined;

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim());

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
      PURCHASE_LABELS.items,
      'map each item field (Product Name, Price, ...) to a line-item field.',
    );
  const single = Object.fromEntries(ITEM_CHILDREN.map((child) => [child, input[child]]));
  return [single];
}

function parseItem(raw: unknown, number: number, typing: ValueTyping): PurchaseItem {
  const where = `${PURCHASE_LABELS.items}, item ${number}`;
  if (!isObject(raw)) throw new InputError(where, 'this item is not a set of item fields.');
  const label = (child: ItemChild) => `${where}, ${ITEM_LABELS[child]}`;
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
    item === undefined || item === null || (isObject(item) && ITEM_CHILDREN.every((c) => isEmpty(item[c])))
      ? []
      : [parseItem(item, index + 1, typing)],
  );
  const problem = itemCountProblem(items.length);
  if (problem)
    throw new InputError(
      PURCHASE_LABELS.items,
      items.length
        ? `${problem}. Split the purchase into several.`
        : `${problem}: map the line items of the order or deal.`,
    );
  return items;
}

/** The purchase's total: a purchase without one would be stored as a Charged event that counts for nothing. */
function parseAmount(value: unknown): number {
  const amount = parseNumber(PURCHASE_LABELS.amount, value);
  if (amount === undefined)
    throw new InputError(
      PURCHASE_LABELS.amount,
      "a purchase needs its total, and the value is empty. Map the deal's or order's Amount, or type it, like " +
        '1200.50; nothing was sent.',
    );
  return amount;
}

/** One of the purchase's text details, checked against CleverTap's value rules under its own field label. */
function detail(key: keyof typeof PURCHASE_LABELS & ('paymentMode' | 'chargedId'), value: unknown) {
  const given = text(PURCHASE_LABELS[key], value);
  if (given !== undefined) checkProperties(PURCHASE_LABELS[key], { [PURCHASE_LABELS[key]]: given }, 'event');
  return given;
}

/** The whole purchase, checked: numbers, items, extra properties that do not clash, CleverTap's key and value rules. */
export function parsePurchase(input: Record<string, unknown>): Purchase {
  const amount = parseAmount(input.amount);
  const currency = parseCurrency(PURCHASE_LABELS.currency, input.currency);
  const typing = parseValueTyping(input);
  const properties = checkProperties<Scalar>(
    PURCHASE_LABELS.properties,
    parseKeyValues(PURCHASE_LABELS.properties, input.properties, typing),
    'event',
  );
  const clash = Object.keys(properties).find((key) =>
    RESERVED_CHARGED_KEYS.some((reserved) => reserved.toLowerCase() === key.toLowerCase()),
  );
  if (clash)
    throw new InputError(
      PURCHASE_LABELS.properties,
      `"${clash}" is set by the purchase itself${clash === 'Items' ? ' (the line items)' : ` (the ${clash} field)`}; ` +
        'remove it from the other properties.',
    );
  const purchase: Purchase = {
    amount,
    currency,
    paymentMode: detail('paymentMode', input.paymentMode),
    chargedId: detail('chargedId', input.chargedId),
    properties,
    items: parseItems(input, typing),
  };
  checkProperties<EventValue>(PURCHASE_LABELS.properties, chargedData(purchase), 'event', true);
  return purchase;
}

// Text fields, not `number`: Zapier would turn `$1,200.50` into 1 and `1.200,50` into 1.2 before the app saw them.
const NUMBER =
  'A plain number with a dot for decimals, e.g. `1200.50`; `$1,200.50` or `1.200,50` stops the step rather than be guessed.';

/** The purchase's own fields, in the editor's order: amount, details, the line items, other properties. */
export const purchaseFields = defineInputFields([
  {
    key: 'amount',
    label: PURCHASE_LABELS.amount,
    type: 'string',
    required: true,
    helpText: `The total of the purchase, e.g. a HubSpot deal's Amount; a mapped value that is empty stops the step. ${NUMBER}`,
  },
  {
    key: 'currency',
    label: PURCHASE_LABELS.currency,
    type: 'string',
    required: false,
    helpText:
      'The ISO 4217 code of the currency of the amount and prices, e.g. `USD` or `EUR` (`usd` is sent as `USD`); ' +
      'any other value, like `dollars` or `$`, stops the step.',
  },
  {
    key: 'paymentMode',
    label: PURCHASE_LABELS.paymentMode,
    type: 'string',
    required: false,
    helpText: 'How the purchase was paid, e.g. `Credit Card` or `Invoice`.',
  },
  {
    key: 'chargedId',
    label: PURCHASE_LABELS.chargedId,
    type: 'string',
    required: false,
    helpText: "The id of the order or deal, e.g. a HubSpot deal's Record ID; sent as text.",
  },
  {
    key: 'items',
    label: PURCHASE_LABELS.items,
    required: false,
    // A parent field may not have helpText (Zapier's schema); the help is on Product Name, the first child.
    children: [
      {
        key: 'productName',
        label: ITEM_LABELS.productName,
        type: 'string',
        required: true,
        helpText:
          `The name of the product, e.g. \`Annual Plan\`. Map the line items of the order or deal into these item ` +
          `fields: at least 1 and at most ${MAX_CHARGED_ITEMS} items; items whose fields are all empty are skipped.`,
      },
      {
        key: 'category',
        label: ITEM_LABELS.category,
        type: 'string',
        required: false,
        helpText: 'The category of the product, e.g. `Subscriptions`.',
      },
      {
        key: 'quantity',
        label: ITEM_LABELS.quantity,
        type: 'string',
        required: false,
        helpText: `How many were bought. ${NUMBER}`,
      },
      {
        key: 'price',
        label: ITEM_LABELS.price,
        type: 'string',
        required: false,
        helpText: `The price of one unit. ${NUMBER}`,
      },
      {
        key: 'itemProperties',
        label: ITEM_LABELS.itemProperties,
        type: 'string',
        required: false,
        helpText:
          'Other details of the item as `Name=Value` pairs separated by `;`, e.g. `Color=Red; Size=M`, or as a JSON ' +
          'object, e.g. `{"Color": "Red", "Weight": 1.5}`. **Convert Value Types** and **Keep as Text** apply to the ' +
          '`Name=Value` form.',
      },
    ],
  },
  {
    key: 'properties',
    label: PURCHASE_LABELS.properties,
    dict: true,
    required: false,
    helpText:
      'Any other details of the purchase, one per row: the property name on the left and its value on the right, ' +
      'e.g. `Deal Stage` and `closedwon`. Rows with an empty value are skipped. Amount, Currency, Payment Mode, ' +
      'Charged ID and Items are set by the fields above.',
  },
]);
