/**
 * A purchase as CleverTap records it: the event `Charged`, its own properties, and `Items`, one flat object per line
 * item. Pure: names and limits as tables, a builder, and plain-words checks that callers attach to a field.
 */
import { eventRecord, EventRecord, EventValue, Scalar, UserKey } from './records';
import { LIMITS } from './rules';

/** CleverTap's name for a purchase; it is not a system event, so it can be uploaded. */
export const CHARGED_EVENT = 'Charged';

/** The property of a `Charged` event that holds the line items. */
export const ITEMS_KEY = 'Items';

/** Line items in one purchase (see `LIMITS.chargedItems`). */
export const MAX_CHARGED_ITEMS = LIMITS.chargedItems;

/** The purchase's own properties: our name -> CleverTap's property name. Each is sent only when given. */
export const CHARGED_KEYS = {
  amount: 'Amount',
  currency: 'Currency',
  // CleverTap's own spelling (lower-case m), as in its Charged examples; the Zap field is labelled Payment Mode.
  paymentMode: 'Payment mode',
  chargedId: 'Charged ID',
} as const;

/** The standard properties of each line item: our name -> CleverTap's property name. Each is sent only when given. */
export const ITEM_KEYS = {
  productName: 'Product Name',
  category: 'Category',
  quantity: 'Quantity',
  price: 'Price',
} as const;

export interface PurchaseItem {
  productName?: string;
  category?: string;
  quantity?: number;
  price?: number;
  /** Custom item properties, sent beside the standard ones. */
  properties: Record<string, Scalar>;
}

export interface Purchase {
  /** The total: every purchase has one. */
  amount: number;
  /** An ISO 4217 code, upper-case. */
  currency?: string;
  paymentMode?: string;
  /** The order or deal id; always text, so ids with leading zeros survive. */
  chargedId?: string;
  /** Extra properties of the purchase, sent beside the standard ones. */
  properties: Record<string, Scalar>;
  items: PurchaseItem[];
}

/** Property names the extra properties of a purchase may not use: those the purchase itself sets. */
export const RESERVED_CHARGED_KEYS: readonly string[] = [...Object.values(CHARGED_KEYS), ITEMS_KEY];

/** Property names custom item properties may not use: those each item itself sets. */
export const RESERVED_ITEM_KEYS: readonly string[] = Object.values(ITEM_KEYS);

/** The given values under CleverTap's names, in the table's order; absent values are left out. */
function named<K extends string>(
  names: Record<K, string>,
  values: Partial<Record<K, Scalar | undefined>>,
): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [ours, theirs] of Object.entries(names) as [K, string][]) {
    const value = values[ours];
    if (value !== undefined) out[theirs] = value;
  }
  return out;
}

/** One entry of `Items`: the standard properties first, then the custom ones. */
export function chargedItem(item: PurchaseItem): Record<string, Scalar> {
  const { productName, category, quantity, price } = item;
  return { ...named(ITEM_KEYS, { productName, category, quantity, price }), ...item.properties };
}

/** The `evtData` of a purchase: its own properties, the extra ones, and `Items`. */
export function chargedData(purchase: Purchase): Record<string, EventValue> {
  return {
    ...named(CHARGED_KEYS, {
      amount: purchase.amount,
      currency: purchase.currency,
      paymentMode: purchase.paymentMode,
      chargedId: purchase.chargedId,
    }),
    ...purchase.properties,
    [ITEMS_KEY]: purchase.items.map(chargedItem),
  };
}

export function chargedRecord(user: UserKey, purchase: Purchase, ts?: number): EventRecord {
  return eventRecord(user, CHARGED_EVENT, chargedData(purchase), ts);
}

/** What is wrong with a purchase of `count` line items, if anything. */
export function itemCountProblem(count: number): string | undefined {
  if (count === 0) return 'a purchase needs at least one item';
  if (count > MAX_CHARGED_ITEMS)
    return `there are ${count} items; one purchase can carry at most ${MAX_CHARGED_ITEMS}`;
  return undefined;
}
