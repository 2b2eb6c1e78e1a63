/** "Trigger Campaign": an External Trigger campaign built in CleverTap, sent to one user with the Zap's values. */
import { defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { triggerBody } from '../clevertap/acts';
import type { Replay } from '../clevertap/replay';
import { campaignIdField, parseRecipient, personalizationField } from '../fields/campaign';
import { lookupFields } from '../fields/lookup';
import { noteOutputField, statusOutputField, userKeyOutputFields } from '../fields/outputs';
import { parseInput } from '../fields/parse-input';
import { defineAction } from '../zapier/define-action';
import { triggerCampaign } from '../zapier/acts';
import { CAMPAIGN_QUEUED_NOTE } from '../zapier/words';

const inputFields = defineInputFields([campaignIdField.input, ...lookupFields, personalizationField.input]);

/**
 * A campaign triggered again sends its message again. CleverTap queues the message; whether it is delivered shows in
 * the campaign's report, not here.
 */
const replay: Replay = 'sends_twice';

const perform = (async (z, bundle) => {
  const { campaignId, recipient, personalization } = parseInput(z, () => ({
    campaignId: campaignIdField.read(bundle.inputData.campaignId),
    recipient: parseRecipient(bundle.inputData),
    personalization: personalizationField.read(bundle.inputData.personalization),
  }));
  await triggerCampaign(z, bundle, triggerBody(campaignId, recipient, personalization), replay);
  return {
    status: 'queued',
    campaignId,
    ...recipient,
    personalization,
    cleverTapSaid: 'success',
    note: CAMPAIGN_QUEUED_NOTE,
  };
}) satisfies CreatePerform<typeof inputFields>;

export default defineAction({
  key: 'trigger_campaign',
  noun: 'Campaign Message',
  label: 'Trigger Campaign',
  description:
    'Sends a user the message of an External Trigger campaign built in CleverTap, with values from the Zap. ' +
    'CleverTap queues it; a replay sends it again.',
  inputFields,
  perform,
  replay,
  minimalInput: { campaignId: '1695721550', identity: 'ada@example.com' },
  sample: {
    status: 'queued',
    campaignId: '1695721550',
    identity: 'ada@example.com',
    personalization: { 'Deal Name': 'Acme renewal', Amount: '1200.50' },
    cleverTapSaid: 'success',
    note: CAMPAIGN_QUEUED_NOTE,
  },
  outputFields: [
    statusOutputField,
    { key: 'campaignId', label: 'Campaign ID', type: 'string' },
    ...userKeyOutputFields,
    { key: 'email', label: 'Email', type: 'string' },
    { key: 'cleverTapSaid', label: 'CleverTap Answer', type: 'string' },
    noteOutputField,
  ],
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
