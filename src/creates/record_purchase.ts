/** "Record Purchase": CleverTap's `Charged` event, with the purchased items as Zapier line items. */
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { chargedRecord, MAX_CHARGED_ITEMS } from '../clevertap/purchases';
import {
  convertValueTypesField,
  creationDateField,
  CREATION_DATE_LABEL,
  eventOutputFields,
  identityField,
  keepAsTextField,
  objectIdField,
} from '../fields';
import { parseEpochSeconds } from '../input/dates';
import { ITEM_LABELS, parsePurchase, PURCHASE_LABELS } from '../input/purchases';
import { parseUserKey } from '../input/users';
import { parseInput } from '../zapier/errors';
import { uploadOne } from '../zapier/send';

// Text fields, not `number`: Zapier would turn `$1,200.50` into 1 and `1.200,50` into 1.2 before the app saw them.
const NUMBER =
  'A plain number with a dot for decimals, e.g. `1200.50`; `$1,200.50` or `1.200,50` stops the step rather than be guessed.';

const inputFields = defineInputFields([
  identityField,
  objectIdField,
  {
    key: 'amount',
    label: PURCHASE_LABELS.amount,
    type: 'string',
    required: false,
    helpText: `The total of the purchase, e.g. a HubSpot deal's Amount. ${NUMBER}`,
  },
  {
    key: 'currency',
    label: PURCHASE_LABELS.currency,
    type: 'string',
    required: false,
    helpText: 'The currency of the amount and prices, e.g. `USD` or `EUR`.',
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
  convertValueTypesField,
  keepAsTextField,
  creationDateField('When the purchase happened.'),
]);

const perform = (async (z, bundle) => {
  const { user, ts, purchase } = parseInput(z, () => ({
    user: parseUserKey(bundle.inputData),
    purchase: parsePurchase(bundle.inputData),
    ts: parseEpochSeconds(CREATION_DATE_LABEL, bundle.inputData.ts),
  }));
  const record = chargedRecord(user, purchase, ts);
  return uploadOne(z, bundle, record, false);
}) satisfies CreatePerform<typeof inputFields>;

export const sample = {
  status: 'success',
  processed: 1,
  type: 'event',
  identity: 'ada@example.com',
  ts: '2024-05-01T14:30:00Z',
  evtName: 'Charged',
  evtData: {
    Amount: 1250,
    Currency: 'USD',
    'Payment mode': 'Invoice',
    'Charged ID': '9876543210',
    Items: [
      { 'Product Name': 'Annual Plan', Category: 'Subscriptions', Quantity: 1, Price: 1200 },
      { 'Product Name': 'Onboarding', Category: 'Services', Quantity: 2, Price: 25 },
    ],
  },
};

export default defineCreate({
  key: 'record_purchase',
  noun: 'Purchase',
  display: {
    label: 'Record Purchase',
    description:
      "Creates a purchase (CleverTap's Charged event) for a user, with its amount and the items bought, such as a " +
      'won deal with its line items.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: [
      ...eventOutputFields,
      { key: 'evtData__Amount', label: 'Amount', type: 'number' },
      { key: 'evtData__Currency', label: 'Currency', type: 'string' },
      { key: 'evtData__Payment mode', label: 'Payment Mode', type: 'string' },
      { key: 'evtData__Charged ID', label: 'Charged ID', type: 'string' },
      { key: 'evtData__Items[]Product Name', label: 'Item Product Name', type: 'string' },
      { key: 'evtData__Items[]Category', label: 'Item Category', type: 'string' },
      { key: 'evtData__Items[]Quantity', label: 'Item Quantity', type: 'number' },
      { key: 'evtData__Items[]Price', label: 'Item Price', type: 'number' },
    ],
  },
});

export { perform };
