/**
 * A purchase as the "Record Purchase" fields hand it over: amount and details, extra key/value properties, and the
 * purchased items as Zapier line items (an array of objects, numbers as numbers or text). Every check names the field,
 * and for an item its number: "Items, item 2, Price: ...".
 */
import { propertiesProblems } from '../clevertap/checks';
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
import { InputError } from './errors';
import { parseJsonObject } from './json';
import { parseNumber } from './numbers';
import { checkProperties } from './properties';
import { CONVERT_VALUE_TYPES_LABEL, parseKeyValues, parseYesNo, typedValue } from './values';

/** Labels of the purchase's fields, as the Zap editor shows them. */
export const PURCHASE_LABELS = {
  amount: 'Amount',
  currency: 'Currency',
  paymentMode: 'Payment Mode',
  chargedId: 'Charged ID',
  properties: 'Other Purchase Properties',
  items: 'Items',
  convertValueTypes: CONVERT_VALUE_TYPES_LABEL,
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

const text = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const trimmed = String(value).trim();
  return trimmed || undefined;
};

const isEmpty = (value: unknown) => text(value) === undefined && !isObject(value);

/** Throws the first problem CleverTap's rules find in a set of item properties, named by item and child. */
function checkItemProperties(field: string, properties: Record<string, unknown>): Record<string, Scalar> {
  const problem = propertiesProblems(properties, 'item')[0];
  if (problem) throw new InputError(field, `this ${problem}.`);
  return properties as Record<string, Scalar>;
}

/**
 * Custom properties of one line item. A line-item child cannot be a key/value field, so this is text: either
 * `Color=Red; Size=M` (pairs separated by semicolons or line breaks, empty values skipped; with `convert`, values are
 * typed like key/value rows: `1.5` a number, `true` true/false, `"42"` text) or a JSON object such as `{"Color": "Red", "Weight": 1.5}`.
 */
export function parseItemProperties(field: string, value: unknown, convert = true): Record<string, unknown> {
  if (isObject(value)) return value;
  const raw = text(value);
  if (raw === undefined) return {};
  if (raw.startsWith('{')) return parseJsonObject(field, raw);
  const out: Record<string, unknown> = {};
  for (const pair of raw
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 0)
      throw new InputError(
        field,
        `"${pair.slice(0, 40)}" is not name=value. Write the properties like Color=Red; Size=M, or as JSON.`,
      );
    const key = pair.slice(0, at).trim();
    if (!key) throw new InputError(field, `"${pair.slice(0, 40)}" has no property name before the "=".`);
    if (Object.hasOwn(out, key)) throw new InputError(field, `the property "${key}" is given twice.`);
    const text = pair.slice(at + 1).trim();
    if (text) out[key] = convert ? typedValue(text) : text;
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

function parseItem(raw: unknown, number: number, convert: boolean): PurchaseItem {
  const where = `${PURCHASE_LABELS.items}, item ${number}`;
  if (!isObject(raw)) throw new InputError(where, 'this item is not a set of item fields.');
  const label = (child: ItemChild) => `${where}, ${ITEM_LABELS[child]}`;
  const productName = text(raw.productName);
  if (!productName) throw new InputError(label('productName'), 'fill in the name of the product.');
  const standard = {
    productName,
    category: text(raw.category),
    quantity: parseNumber(label('quantity'), raw.quantity),
    price: parseNumber(label('price'), raw.price),
  };
  for (const child of ['productName', 'category'] as const) {
    const value = standard[child];
    if (value !== undefined) checkItemProperties(label(child), { [ITEM_KEYS[child]]: value });
  }
  const custom = parseItemProperties(label('itemProperties'), raw.itemProperties, convert);
  const clash = Object.keys(custom).find((key) => RESERVED_ITEM_KEYS.includes(key));
  if (clash)
    throw new InputError(
      label('itemProperties'),
      `"${clash}" is set by the item's own ${clash} field; remove it from the item properties.`,
    );
  return { ...standard, properties: checkItemProperties(label('itemProperties'), custom) };
}

/** The line items, empty ones (every child blank) left out; at least one and at most the cap. */
export function parseItems(input: Record<string, unknown>, convert = true): PurchaseItem[] {
  const raw = lineItems(input).filter(
    (item) => !(isObject(item) && ITEM_CHILDREN.every((c) => isEmpty(item[c]))),
  );
  const items = raw.map((item, index) => parseItem(item, index + 1, convert));
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

/** One of the purchase's text details, checked against CleverTap's value rules under its own field label. */
function detail(
  key: keyof typeof PURCHASE_LABELS & ('currency' | 'paymentMode' | 'chargedId'),
  value: unknown,
) {
  const given = text(value);
  if (given !== undefined) checkProperties(PURCHASE_LABELS[key], { [PURCHASE_LABELS[key]]: given }, 'event');
  return given;
}

/** The whole purchase, checked: numbers, items, extra properties that do not clash, CleverTap's key and value rules. */
export function parsePurchase(input: Record<string, unknown>): Purchase {
  const convert = parseYesNo(PURCHASE_LABELS.convertValueTypes, input.convertValueTypes) ?? true;
  const properties = checkProperties<Scalar>(
    PURCHASE_LABELS.properties,
    parseKeyValues(PURCHASE_LABELS.properties, input.properties, convert),
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
    amount: parseNumber(PURCHASE_LABELS.amount, input.amount),
    currency: detail('currency', input.currency),
    paymentMode: detail('paymentMode', input.paymentMode),
    chargedId: detail('chargedId', input.chargedId),
    properties,
    items: parseItems(input, convert),
  };
  checkProperties<EventValue>(PURCHASE_LABELS.properties, chargedData(purchase), 'event', true);
  return purchase;
}
