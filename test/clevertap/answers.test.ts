import {
  readRequestFailure,
  readUploadAnswer,
  describeFailures,
  RECORD_ERRORS,
} from '../../src/clevertap/answers';

describe('reading an upload answer', () => {
  it('is a success only when every record sent was processed', () => {
    expect(readUploadAnswer({ status: 'success', processed: 2, unprocessed: [] }, 2)).toEqual({
      ok: true,
      processed: 2,
    });
    expect(readUploadAnswer({ status: 'success', processed: 1, unprocessed: [] }, 2)).toMatchObject({
      ok: false,
      unaccounted: 1,
    });
  });

  it('reads partial answers record by record, with the record number from the text', () => {
    const result = readUploadAnswer(
      {
        status: 'partial',
        processed: 1,
        unprocessed: [
          {
            status: 'fail',
            code: 516,
            error: 'Phone invalid. Skipped record number : 2',
            record: { Phone: '0007-SECRET' },
          },
        ],
      },
      2,
    );
    expect(result).toEqual({
      ok: false,
      processed: 1,
      unaccounted: 0,
      failures: [{ code: 516, reason: RECORD_ERRORS[516], recordNumber: 2 }],
    });
    if (result && !result.ok) {
      expect(describeFailures(result)).toEqual([`record 2: ${RECORD_ERRORS[516]} (CleverTap code 516)`]);
      expect(describeFailures(result).join(' ')).not.toContain('0007-SECRET');
    }
  });

  it('describes the failed records one string each, the first first, then the records not accounted for', () => {
    const result = readUploadAnswer(
      {
        status: 'partial',
        processed: 0,
        unprocessed: [
          { status: 'fail', code: 515, error: 'Skipped record number : 1' },
          { status: 'fail', code: 516, error: 'Skipped record number : 3' },
        ],
      },
      3,
    );
    expect(result?.ok).toBe(false);
    if (result && !result.ok)
      expect(describeFailures(result)).toEqual([
        `record 1: ${RECORD_ERRORS[515]} (CleverTap code 515)`,
        `record 3: ${RECORD_ERRORS[516]} (CleverTap code 516)`,
        '1 record(s) were neither processed nor reported as failed',
      ]);
  });

  it("gives CleverTap's own text for a code it does not know, never the record", () => {
    const result = readUploadAnswer(
      {
        status: 'fail',
        processed: 0,
        unprocessed: [{ code: 599, error: 'Something new', record: { secret: 'x' } }],
      },
      1,
    );
    expect(result).toMatchObject({
      ok: false,
      failures: [{ code: 599, reason: 'CleverTap said "Something new"' }],
    });
  });

  it("shortens CleverTap's own text for an unknown code, without its ErrorCode tail", () => {
    const result = readUploadAnswer(
      {
        status: 'fail',
        processed: 0,
        unprocessed: [{ code: 598, error: `${'A new problem. '.repeat(20)}ErrorCode: 598 record: 1` }],
      },
      1,
    );
    const reason = result && !result.ok ? (result.failures[0]?.reason ?? '') : '';
    expect(reason).toMatch(/^CleverTap said "A new problem\. A new problem\..*…"$/);
    expect(reason).not.toContain('ErrorCode');
    expect([...reason].length).toBeLessThanOrEqual('CleverTap said ""'.length + 80);
  });

  it.each([undefined, null, 'text', 42, { processed: 1 }])(
    'does not take %j for an upload answer',
    (body) => {
      expect(readUploadAnswer(body, 1)).toBeUndefined();
    },
  );

  it('has plain words for every documented per-record code', () => {
    for (const code of [
      509, 512, 513, 514, 515, 516, 517, 518, 519, 520, 522, 523, 524, 525, 526, 528, 555,
    ]) {
      expect(RECORD_ERRORS[code]).toMatch(/\w+/);
    }
  });
});

describe('request-level failures', () => {
  it.each([
    [401, 'credentials'],
    [403, 'credentials'],
    [400, 'rejected'],
    [404, 'rejected'],
    [405, 'rejected'],
    [409, 'rejected'],
    [413, 'rejected'],
    [418, 'rejected'],
    [429, 'throttled'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(readRequestFailure(status, { status: 'fail', error: 'x', code: status })).toEqual({
      kind,
      status,
      text: 'x',
    });
  });

  it("keeps CleverTap's own text whole, trimmed, and leaves it out when there is none", () => {
    expect(readRequestFailure(400, { error: '  Bad JSON ' })).toEqual({
      kind: 'rejected',
      status: 400,
      text: 'Bad JSON',
    });
    expect(readRequestFailure(400, undefined)).toEqual({ kind: 'rejected', status: 400 });
    expect(readRequestFailure(400, { error: '   ' })).toEqual({ kind: 'rejected', status: 400 });
  });
});
