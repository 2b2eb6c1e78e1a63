/**
 * Regression: credentials that cannot travel in a header.
 * - A passcode (or Account ID) with a character HTTP headers cannot carry (a zero-width space pasted from a web page,
 *   a line break) crashed with node-fetch's TypeError "<passcode> is not a legal HTTP header value": the passcode
 *   itself in the error.
 * - A passcode stored with spaces around it was trimmed before sending (by the app, and by core's header sanitiser),
 *   so core's log scrubber, which censors the stored value, did not recognise the header value: the passcode was
 *   printed uncensored in the HTTP logs Zapier keeps. Such a passcode is now refused, naming the field.
 */
import zapier from 'zapier-platform-core';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { appTester, authData, messageOf, PASSCODE } from '../helpers';
import { invoke, recordAll } from './harness';

/** Records every request and answers it with `answer`. */
const cleverTap = (answer: unknown) => recordAll(() => [200, answer]);

const UPLOADED = { status: 'success', processed: 1, unprocessed: [] };
describe('credentials that cannot go in a header: a Zapier error naming the field, never the value', () => {
  it.each([
    [
      'a zero-width space in the passcode',
      { passcode: `${PASSCODE.slice(0, 6)}\u200b${PASSCODE.slice(6)}` },
      'Passcode',
    ],
    [
      'a line break inside the passcode',
      { passcode: `${PASSCODE.slice(0, 6)}\n${PASSCODE.slice(6)}` },
      'Passcode',
    ],
    ['an accented letter in the passcode', { passcode: `${PASSCODE}é` }, 'Passcode'],
    ['a non-ASCII Account ID', { accountId: 'TEST-ACC-１２３' }, 'Account ID'],
  ])('%s', async (_name, change, field) => {
    const seen = cleverTap(UPLOADED);
    const auth = { ...authData, ...change };
    const error = (await appTester(uploadEvent, {
      authData: auth,
      inputData: { identity: 'u1', evtName: 'Deal Won' },
    }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(zapier.errors.Error);
    expect(messageOf(error)).toMatch(new RegExp(`^The connection's ${field} contains a character`));
    expect(error.message).not.toContain(auth.passcode);
    expect(error.message).not.toContain(PASSCODE.slice(6));
    expect(seen).toHaveLength(0);
  });
});

describe('a passcode stored with spaces around it', () => {
  it('is refused before sending, naming the field; neither stdout nor the log stream Zapier keeps shows it', async () => {
    const seen = cleverTap(UPLOADED);
    const run = await invoke('creates.upload_event.operation.perform', {
      authData: { ...authData, passcode: `  ${PASSCODE} ` },
      inputData: { identity: 'u1', evtName: 'Deal Won' },
    });
    expect(run.error).toBeInstanceOf(zapier.errors.Error);
    expect(messageOf(run.error)).toMatch(/^The connection's Passcode has spaces around it/);
    expect(seen).toHaveLength(0);
    expect([run.logs.join('\n'), run.error?.message, run.error?.stack].join('\n')).not.toContain(PASSCODE);
  });

  it('an Account ID with spaces around it is simply trimmed (it is not secret)', async () => {
    const seen = cleverTap(UPLOADED);
    await appTester(uploadEvent, {
      authData: { ...authData, accountId: ' TEST-ACC-123 ' },
      inputData: { identity: 'u1', evtName: 'Deal Won' },
    });
    expect(seen[0]!.headers['x-clevertap-account-id']).toBe('TEST-ACC-123');
  });
});
