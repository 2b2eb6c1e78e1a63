/**
 * Regression found by the generated-input property: dates in the far future or past (ISO extended years such as
 * "+167690-02", or a 16-digit timestamp read as milliseconds) became epoch values of 1e11 and more, which CleverTap
 * reads as milliseconds or refuses (525). They are now refused, naming the field, and nothing is sent.
 */
import zapier from 'zapier-platform-core';
import App from '../../index';
import { auth, messageOf, recordAll } from './harness';
import { boundaryTester } from '../boundary';

const appTester = boundaryTester;
type Perform = Parameters<typeof appTester>[0];

describe('dates too far from today', () => {
  it.each([
    [
      'upload_event',
      { identity: 'u1', evtName: 'Deal Won', ts: '+167690-02' },
      /^Creation Date: .* too far from today/,
    ],
    [
      'record_purchase',
      { identity: 'u1', amount: '1', items: [{ productName: 'Plan', price: '1' }], ts: '4424406768925988' },
      /^Creation Date: .* too far from today/,
    ],
    ['upsert_profile', { identity: 'u1', dob: '-103879-06' }, /^Date of Birth: .* too far from today/],
  ])('%s %j', async (key, inputData, expected) => {
    const seen = recordAll();
    const perform = (App.creates as Record<string, { operation: { perform: unknown } }>)[key]!.operation
      .perform;
    const error = await appTester(perform as Perform, { authData: auth, inputData }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(zapier.errors.Error);
    expect(messageOf(error)).toMatch(expected);
    expect(seen).toEqual([]);
  });

  it('the latest date CleverTap reads as seconds still goes through', async () => {
    const seen = recordAll();
    const perform = App.creates.upload_event.operation.perform as Perform;
    await appTester(perform, {
      authData: auth,
      inputData: { identity: 'u1', evtName: 'E', ts: '5138-11-16T09:46:39Z' },
    });
    expect(JSON.parse(seen[0]!.body).d[0].ts).toBe(99_999_999_999);
  });
});
