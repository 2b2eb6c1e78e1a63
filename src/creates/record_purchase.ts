/** "Record Purchase": CleverTap's `Charged` event, with the purchased items as Zapier line items. */
import { defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { chargedRecord } from '../clevertap/purchases';
import type { Replay } from '../clevertap/replay';
import { creationDateField } from '../fields/dates';
import { eventOutputFields } from '../fields/outputs';
import { parsePurchase, purchaseFields } from '../fields/purchase';
import { identityField, objectIdField, parseUserKey } from '../fields/users';
import { valueTypingFields } from '../fields/values';
import { parseInput } from '../fields/parse-input';
import { defineAction } from '../zapier/define-action';
import { uploadOne } from '../zapier/send';

const creationDate = creationDateField('When the purchase happened.');

const inputFields = defineInputFields([
  identityField.input,
  objectIdField.input,
  ...purchaseFields,
  ...valueTypingFields,
  creationDate.input,
]);

/** A purchase (a Charged event) sent again is stored twice. */
const replay: Replay = 'stores_twice';

const perform = (async (z, bundle) => {
  const { user, ts, purchase } = parseInput(z, () => ({
    user: parseUserKey(bundle.inputData),
    purchase: parsePurchase(bundle.inputData),
    ts: creationDate.read(bundle.inputData.ts),
  }));
  const record = chargedRecord(user, purchase, ts);
  return uploadOne(z, bundle, record, replay);
}) satisfies CreatePerform<typeof inputFields>;

export default defineAction({
  key: 'record_purchase',
  noun: 'Purchase',
  label: 'Record Purchase',
  description:
    "Creates a purchase (CleverTap's Charged event) for a user, with its amount and the items bought, such as a " +
    'won deal with its line items.',
  inputFields,
  perform,
  replay,
  minimalInput: {
    identity: 'ada@example.com',
    amount: '1200',
    items: [{ productName: 'Annual Plan', price: '1200' }],
  },
  sample: {
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
  },
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
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
