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

describe('reading an upload answer: what is not a success', () => {
  it.each(['partial', 'fail', 'ok'])(
    'a %j answer is a failure even with every record processed and nothing unprocessed',
    (status) => {
      expect(readUploadAnswer({ status, processed: 2, unprocessed: [] }, 2)).toEqual({
        ok: false,
        processed: 2,
        failures: [],
        unaccounted: 0,
      });
    },
  );

  it('an unprocessed entry is a failure even when the processed count looks complete', () => {
    expect(
      readUploadAnswer({ status: 'success', processed: 2, unprocessed: [{ code: 515, error: 'x' }] }, 2),
    ).toEqual({
      ok: false,
      processed: 2,
      failures: [{ code: 515, reason: RECORD_ERRORS[515] }],
      unaccounted: 0,
    });
  });

  it('a success without an unprocessed list is a success', () => {
    expect(readUploadAnswer({ status: 'success', processed: 3 }, 3)).toStrictEqual({
      ok: true,
      processed: 3,
    });
  });

  it('an answer without a processed count counts nothing as processed', () => {
    expect(readUploadAnswer({ status: 'fail', error: 'Bad request' }, 2)).toEqual({
      ok: false,
      processed: 0,
      failures: [],
      unaccounted: 2,
    });
    expect(readUploadAnswer({ status: 'success', processed: '2', unprocessed: [] }, 2)).toEqual({
      ok: false,
      processed: 0,
      failures: [],
      unaccounted: 2,
    });
  });
});

describe('reading an unprocessed entry', () => {
  const failureInAnswer = (entry: unknown) => {
    const result = readUploadAnswer({ status: 'partial', processed: 0, unprocessed: [entry] }, 1);
    return result && !result.ok ? result.failures[0] : undefined;
  };

  it.each([
    ['record number : 12', 12],
    ['Skipped record number:7', 7],
    ['skipped RECORD NUMBER  :  103 ErrorCode: 516', 103],
  ])('reads the record number from %j', (error, recordNumber) => {
    expect(failureInAnswer({ code: 516, error })).toEqual({
      code: 516,
      reason: RECORD_ERRORS[516],
      recordNumber,
    });
  });

  it('reads a code given as text, and takes anything else for no code', () => {
    expect(failureInAnswer({ code: '516', error: 'x' })).toEqual({ code: 516, reason: RECORD_ERRORS[516] });
    expect(failureInAnswer({ code: 'none', error: 'Odd' })).toEqual({
      code: 0,
      reason: 'CleverTap said "Odd"',
    });
    expect(failureInAnswer('not an entry')).toEqual({ code: 0, reason: 'CleverTap gave no reason' });
  });

  it('says CleverTap gave no reason for an unknown code without text, or with text that is not text', () => {
    expect(failureInAnswer({ code: 599 })).toEqual({ code: 599, reason: 'CleverTap gave no reason' });
    expect(failureInAnswer({ code: 599, error: 42 })).toEqual({
      code: 599,
      reason: 'CleverTap gave no reason',
    });
    expect(failureInAnswer({ code: 599, error: '' })).toEqual({
      code: 599,
      reason: 'CleverTap gave no reason',
    });
  });

  it.each([
    'A new problem. ErrorCode: 599',
    'A new problem.  ErrorCode: 599 Skipped record',
    'A new problem.\nErrorCode: 599\nmore',
    'A new problem.ErrorCode: 5',
  ])("drops the ErrorCode tail of CleverTap's text exactly: %j", (error) => {
    expect(failureInAnswer({ code: 599, error })?.reason).toBe('CleverTap said "A new problem."');
  });

  it('describes a failure without a record number without one', () => {
    expect(
      describeFailures({
        ok: false,
        processed: 0,
        failures: [{ code: 555, reason: 'boom' }],
        unaccounted: 0,
      }),
    ).toEqual(['boom (CleverTap code 555)']);
  });
});

describe('request-level failures: the text', () => {
  it('has no text (not even an undefined one) when CleverTap gave none, or not as text', () => {
    for (const body of [undefined, {}, { error: 42 }, { error: '  ' }, 'Bad JSON'])
      expect(readRequestFailure(500, body)).toStrictEqual({ kind: 'unavailable', status: 500 });
  });
});
