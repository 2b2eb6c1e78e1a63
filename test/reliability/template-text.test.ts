/**
 * Regression: core 19.1 refuses any request whose body, URL or query holds `{{bundle.` or `{{process.` text with a
 * plain `Error` (not a Zapier error) whose message quotes the whole body: a CRM value containing such text crashed the
 * step and echoed the user's record. And core strips every `{{...}}` from query values, so a lookup of "a{{b}}c" asked
 * CleverTap about "ac", another user. Upload bodies now carry such text losslessly; lookups refuse it, naming the field.
 */
import zapier from 'zapier-platform-core';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { perform as findProfile } from '../../src/searches/find_profile';
import { appTester, authData, messageOf } from '../helpers';
import { recordAll } from './harness';

/** Records every request and answers it with `answer`. */
const cleverTap = (answer: unknown) => recordAll(() => [200, answer]);

const UPLOADED = { status: 'success', processed: 1, unprocessed: [] };
const CURLIES = [
  '{{bundle.authData.passcode}}',
  '{{ process.env.HOME }}',
  'Dear {{bundle.inputData.name}}, {{{x}}}',
];

describe('text that looks like a Zapier template is data, sent as it is', () => {
  it.each(CURLIES)('an event property %j', async (text) => {
    const seen = cleverTap(UPLOADED);
    const result = await appTester(uploadEvent, {
      authData,
      inputData: { identity: 'u1', evtName: 'Note Added', eventProperties: { Note: text } },
    });
    expect(result).toMatchObject({ status: 'success' });
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]!.body).d[0].evtData).toEqual({ Note: text });
  });

  it.each(CURLIES)('a profile name %j', async (text) => {
    const seen = cleverTap(UPLOADED);
    await appTester(upsertProfile, { authData, inputData: { identity: 'u1', name: text } });
    expect(JSON.parse(seen[0]!.body).d[0].profileData).toEqual({ Name: text });
  });

  // Core strips every {{...}} from query values ("a{{b}}c" would look up "ac", another user) and crashes on
  // {{bundle.…}}: a lookup by such a value is refused, naming the field, and nothing is sent.
  it.each([...CURLIES, 'a{{b}}c'])(
    'an identity to look up %j is refused, not looked up as something else',
    async (text) => {
      const seen = cleverTap({ status: 'success', record: { identity: 'someone else' } });
      const error = (await appTester(findProfile, { authData, inputData: { identity: text } }).catch(
        (e: unknown) => e,
      )) as Error;
      expect(error).toBeInstanceOf(zapier.errors.Error);
      expect(messageOf(error)).toMatch(/^Identity: ".*" has text in double curly braces/);
      expect(seen).toHaveLength(0);
    },
  );
});
