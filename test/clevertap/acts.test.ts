import {
  ACT_PATHS,
  deleteBody,
  readActAnswer,
  readSubscribeAnswer,
  subscribeBody,
  SUBSCRIPTION_STATUSES,
  triggerBody,
  type SubscriptionRecord,
} from '../../src/clevertap/acts';

describe('the acting paths', () => {
  it('are the documented ones', () => {
    expect(ACT_PATHS).toEqual({
      trigger: '/1/send/externaltrigger.json',
      subscribe: '/1/subscribe',
      delete: '/1/delete/profiles.json',
    });
  });

  it('the statuses /1/subscribe takes, spelled as CleverTap compares them', () => {
    expect([...SUBSCRIPTION_STATUSES]).toEqual(['Unsubscribe', 'Resubscribe']);
  });
});

describe('triggerBody', () => {
  it.each([
    [{ identity: 'client-19827239' }, { identity: ['client-19827239'] }],
    [{ email: 'ada@example.com' }, { email: ['ada@example.com'] }],
    [{ objectId: '-2ce3cca260664f70b82b1c6bb505f462' }, { objectId: ['-2ce3cca260664f70b82b1c6bb505f462'] }],
  ])('sends %j as exactly one `to` key holding a list', (recipient, to) => {
    const body = triggerBody('1695721550', recipient, { Name: 'Ada' });
    expect(body.to).toEqual(to);
    expect(Object.keys(body.to)).toHaveLength(1);
  });

  it('sends campaign_id as text and the personalization as ExternalTrigger, unchanged', () => {
    const personalization = { 'Deal Name': 'Acme renewal', Amount: '1200.50', Code: '007' };
    const body = triggerBody('1695721550', { identity: 'u1' }, personalization);
    expect(body).toEqual({
      to: { identity: ['u1'] },
      campaign_id: '1695721550',
      ExternalTrigger: { 'Deal Name': 'Acme renewal', Amount: '1200.50', Code: '007' },
    });
    expect(typeof body.campaign_id).toBe('string');
    expect(JSON.stringify(body)).toContain('"campaign_id":"1695721550"');
  });

  it('has no ExternalTrigger key when there is no personalization', () => {
    const body = triggerBody('42', { email: 'ada@example.com' }, {});
    expect(body).toEqual({ to: { email: ['ada@example.com'] }, campaign_id: '42' });
    expect(body).not.toHaveProperty('ExternalTrigger');
  });
});

describe('subscribeBody', () => {
  it('sends the records under d, in order', () => {
    const records: SubscriptionRecord[] = [
      { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' },
      { type: 'phone', value: '+14155550123', status: 'Unsubscribe' },
    ];
    expect(subscribeBody(records)).toEqual({ d: records });
  });
});

describe('deleteBody', () => {
  it('deletes by identity as a list, with no guid', () => {
    const body = deleteBody({ identity: 'client-19827239' });
    expect(body).toEqual({ identity: ['client-19827239'] });
    expect(body).not.toHaveProperty('guid');
  });

  it('deletes by Object ID under guid, with no identity', () => {
    const body = deleteBody({ objectId: 'df2e224d90874887b4d61153ef3a2508' });
    expect(body).toEqual({ guid: ['df2e224d90874887b4d61153ef3a2508'] });
    expect(body).not.toHaveProperty('identity');
  });
});

describe('readActAnswer', () => {
  it('success', () => {
    expect(readActAnswer({ status: 'success' })).toEqual({ kind: 'success' });
    expect(readActAnswer({ status: 'Success', message: 'queued' })).toEqual({ kind: 'success' });
  });

  it("fail: CleverTap's error text and its own code, which is not the HTTP status", () => {
    expect(readActAnswer({ status: 'fail', error: 'Campaign not found', code: 9 })).toEqual({
      kind: 'failed',
      error: 'Campaign not found',
      code: 9,
    });
  });

  it('fail without an error text or a code', () => {
    expect(readActAnswer({ status: 'fail' })).toEqual({ kind: 'failed' });
    expect(readActAnswer({ status: 'fail', error: '   ', code: '9' })).toEqual({ kind: 'failed' });
  });

  it('trims the error text', () => {
    expect(readActAnswer({ status: 'fail', error: '  Invalid campaign id \n', code: 0 })).toEqual({
      kind: 'failed',
      error: 'Invalid campaign id',
      code: 0,
    });
  });

  it.each([
    ['no body', undefined],
    ['null', null],
    ['text', 'OK'],
    ['a list', [{ status: 'success' }]],
    ['an empty object', {}],
    ['a status that is not text', { status: 1 }],
    ['another status', { status: 'queued' }],
    ['partial', { status: 'partial' }],
    ['an upload-like answer without status', { processed: 1, unprocessed: [] }],
  ])('unknown: %s', (_name, body) => {
    expect(readActAnswer(body)).toEqual({ kind: 'unknown' });
  });
});

describe('readSubscribeAnswer', () => {
  const email: SubscriptionRecord = { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' };
  const phone: SubscriptionRecord = { type: 'phone', value: '+14155550123', status: 'Unsubscribe' };
  const both = [email, phone];
  const skipped = (code: number, number: number) => ({
    status: 'fail',
    code,
    error: `Invalid value. ErrorCode: ${code} - value is not usable. Skipped record number : ${number}`,
    record: {},
  });

  it("success without counts is done (CleverTap's own client reads it so)", () => {
    expect(readSubscribeAnswer({ status: 'success' }, both)).toEqual({ ok: true });
  });

  it('success with every record processed is done', () => {
    expect(readSubscribeAnswer({ status: 'success', processed: 2, unprocessed: [] }, both)).toEqual({
      ok: true,
    });
  });

  it('partial: the record named by number is not updated, with its code and reason', () => {
    const result = readSubscribeAnswer(
      { status: 'partial', processed: 1, unprocessed: [skipped(516, 2)] },
      both,
    );
    expect(result).toEqual({
      ok: false,
      failed: [{ record: phone, code: 516, reason: 'Invalid value' }],
      unaccounted: [],
    });
  });

  it('partial without a processed count: the records not named are not confirmed', () => {
    const result = readSubscribeAnswer({ status: 'partial', unprocessed: [skipped(515, 1)] }, both);
    expect(result).toEqual({
      ok: false,
      failed: [{ record: email, code: 515, reason: 'Invalid value' }],
      unaccounted: [phone],
    });
  });

  it('success with processed short of what was sent is not done', () => {
    expect(readSubscribeAnswer({ status: 'success', processed: 1, unprocessed: [] }, both)).toEqual({
      ok: false,
      failed: [],
      unaccounted: both,
    });
  });

  it('success that still lists an unprocessed record is not done', () => {
    expect(
      readSubscribeAnswer({ status: 'success', processed: 1, unprocessed: [skipped(515, 1)] }, both),
    ).toMatchObject({ ok: false, failed: [{ record: email }] });
  });

  it('fail: nothing is confirmed, the named records with their reasons', () => {
    expect(
      readSubscribeAnswer({ status: 'fail', processed: 0, unprocessed: [skipped(515, 1)] }, both),
    ).toEqual({
      ok: false,
      failed: [{ record: email, code: 515, reason: 'Invalid value' }],
      unaccounted: [phone],
    });
    expect(readSubscribeAnswer({ status: 'fail', error: 'Invalid request' }, both)).toEqual({
      ok: false,
      failed: [],
      unaccounted: both,
    });
  });

  it('a record number outside the list names no record', () => {
    const result = readSubscribeAnswer(
      { status: 'partial', processed: 1, unprocessed: [skipped(515, 3), skipped(515, 0)] },
      both,
    );
    expect(result).toMatchObject({ ok: false, failed: [] });
    // Neither record was named and only one was processed: neither is confirmed.
    expect(result).toMatchObject({ unaccounted: both });
  });

  it('a record named twice is reported once', () => {
    const result = readSubscribeAnswer(
      { status: 'fail', processed: 0, unprocessed: [skipped(515, 1), skipped(512, 1)] },
      both,
    );
    expect(result).toEqual({
      ok: false,
      failed: [{ record: email, code: 515, reason: 'Invalid value' }],
      unaccounted: [phone],
    });
  });

  it('an unprocessed entry without a record number or a code names nothing', () => {
    const result = readSubscribeAnswer(
      { status: 'partial', unprocessed: [{ error: 'Something went wrong' }, 'text', null] },
      [email],
    );
    expect(result).toEqual({ ok: false, failed: [], unaccounted: [email] });
  });

  it.each([
    ['no body', undefined],
    ['text', 'OK'],
    ['a list', []],
    ['an object without status', { processed: 2 }],
    ['another status', { status: 'queued' }],
  ])('not a subscribe answer: %s', (_name, body) => {
    expect(readSubscribeAnswer(body, both)).toBeUndefined();
  });
});
