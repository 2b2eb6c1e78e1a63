// Faults on demand (programmatic and over POST /__sandbox/faults) and the concurrency limit.
import { Sandbox, startSandbox } from '../../sandbox';
import { admin, lookup, profile, upload } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ maxConcurrent: 3 });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const good = [profile('u1', { Name: 'Ada' })];
const SUCCESS = { status: 'success', processed: 1, unprocessed: [] };

describe('status faults', () => {
  test.each([
    [500, 'Internal Server Error'],
    [503, 'Service Unavailable, please retry later'],
    [429, 'Too many concurrent requests'],
    [401, 'Invalid Credentials'],
  ])('the next call answers %i with the request-level body, then back to normal', async (status, error) => {
    sandbox.faults.failNext(status);
    const faulted = await upload(sandbox, good);
    expect(faulted.status).toBe(status);
    expect(faulted.body).toEqual({ status: 'fail', error, code: status });
    expect(sandbox.store.profiles()).toEqual([]);
    const next = await upload(sandbox, good);
    expect(next.status).toBe(200);
    expect(next.body).toEqual(SUCCESS);
  });

  test('502 answers an HTML page', async () => {
    sandbox.faults.failNext(502);
    const reply = await upload(sandbox, good);
    expect(reply.status).toBe(502);
    expect(reply.contentType).toMatch(/^text\/html/);
    expect(reply.text).toContain('<title>502 Bad Gateway</title>');
    expect(reply.body).toBeUndefined();
  });

  test('counts: the next N calls fail, the N+1th succeeds', async () => {
    sandbox.faults.failNext(503, 2);
    expect((await upload(sandbox, good)).status).toBe(503);
    expect((await upload(sandbox, good)).status).toBe(503);
    expect((await upload(sandbox, good)).status).toBe(200);
    expect(sandbox.faults.list()).toEqual([]);
  });

  test("'always' lasts until cleared; a custom error text is used", async () => {
    sandbox.faults.failNext(500, 'always', { error: 'Boom' });
    for (let i = 0; i < 3; i += 1)
      expect((await upload(sandbox, good)).body).toEqual({ status: 'fail', error: 'Boom', code: 500 });
    sandbox.faults.clear();
    expect((await upload(sandbox, good)).status).toBe(200);
  });

  test('a fault can target one route; profile lookups fail too by default', async () => {
    sandbox.faults.failNext(503, 1, { on: 'profile' });
    expect((await upload(sandbox, good)).status).toBe(200);
    expect((await lookup(sandbox, 'identity=u1')).status).toBe(503);
    sandbox.faults.failNext(500);
    expect((await lookup(sandbox, 'identity=u1')).status).toBe(500);
  });

  test('wrong credentials are 401 and do not consume a fault', async () => {
    sandbox.faults.failNext(503);
    expect((await upload(sandbox, good, { account: { id: 'TEST-ACCOUNT', passcode: 'x' } })).status).toBe(
      401,
    );
    expect((await upload(sandbox, good)).status).toBe(503);
  });
});

test('a non-JSON body with status 200', async () => {
  sandbox.faults.nonJsonNext();
  const reply = await upload(sandbox, good);
  expect(reply.status).toBe(200);
  expect(reply.body).toBeUndefined();
  expect(reply.text).toBe('<html><body>OK</body></html>');
  sandbox.faults.nonJsonNext(1, 'upstream says hi');
  expect((await upload(sandbox, good)).text).toBe('upstream says hi');
});

test('a dropped connection: the socket is destroyed without an answer', async () => {
  sandbox.faults.dropNext();
  await expect(upload(sandbox, good)).rejects.toThrow(/fetch failed/);
  expect(sandbox.store.profiles()).toEqual([]);
  expect(sandbox.received()[0]).toMatchObject({ status: 0, answer: null, faults: ['drop'] });
  expect((await upload(sandbox, good)).body).toEqual(SUCCESS);
});

test('a delay holds the call while others are answered, then answers as usual', async () => {
  const other = await startSandbox();
  try {
    other.faults.delayNext(60_000);
    let settled = false;
    const held = upload(other, good).then(
      () => (settled = true),
      () => (settled = true),
    );
    await other.when(() => other.faults.list().length === 0); // the held call has taken the delay
    expect((await upload(other, good)).body).toEqual(SUCCESS);
    expect(settled).toBe(false);
    await other.close(); // ends the delay: the held call is dropped, not answered late
    await held;
    expect(other.received().map((entry) => [entry.status, entry.faults])).toEqual([
      [200, []],
      [0, ['delay']],
    ]);
  } finally {
    await other.close();
  }
  sandbox.faults.delayNext(20);
  expect((await upload(sandbox, good)).body).toEqual(SUCCESS);
  expect(sandbox.received()[0]!.faults).toEqual(['delay']);
});

test('a delay combines with a status fault (a slow 503)', async () => {
  sandbox.faults.delayNext(200);
  sandbox.faults.failNext(503);
  expect((await upload(sandbox, good)).status).toBe(503);
  expect(sandbox.received()[0]!.faults).toEqual(['delay', 'status']);
});

test('recordError: every record answered unprocessed with 555, nothing stored', async () => {
  sandbox.faults.recordErrorNext();
  const records = [profile('u1', { Name: 'A' }), profile('u2', { Name: 'B' })];
  const reply = await upload(sandbox, records);
  expect(reply.status).toBe(200);
  expect(reply.body.status).toBe('fail');
  expect(reply.body.processed).toBe(0);
  expect(reply.body.unprocessed.map((u: { code: number }) => u.code)).toEqual([555, 555]);
  expect(reply.body.unprocessed[1].error).toMatch(
    /^Server error\. ErrorCode: 555 - .* Skipped record number : 2$/,
  );
  expect(sandbox.store.profiles()).toEqual([]);
});

describe('POST /__sandbox/faults', () => {
  test('adds one fault or a list, GET lists them, DELETE clears', async () => {
    const added = await admin(sandbox, 'POST', '/__sandbox/faults', {
      kind: 'status',
      status: 503,
      count: 2,
    });
    expect(added.status).toBe(200);
    expect(added.body.faults).toEqual([{ kind: 'status', status: 503, count: 2, remaining: 2 }]);
    await admin(sandbox, 'POST', '/__sandbox/faults', [
      { kind: 'delay', ms: 10 },
      { kind: 'drop', on: 'profile' },
    ]);
    expect((await admin(sandbox, 'GET', '/__sandbox/faults')).body.faults).toHaveLength(3);
    expect((await upload(sandbox, good)).status).toBe(503);
    expect((await admin(sandbox, 'GET', '/__sandbox/faults')).body.faults[0].remaining).toBe(1);
    await admin(sandbox, 'DELETE', '/__sandbox/faults');
    expect(sandbox.faults.list()).toEqual([]);
    expect((await upload(sandbox, good)).status).toBe(200);
  });

  test.each([
    ['a non-JSON HTML 200', { kind: 'nonJson' }, 200],
    ['a 502', { kind: 'status', status: 502 }, 502],
    ['a 500 as HTML', { kind: 'status', status: 500, html: true }, 500],
  ])('%s', async (_name, fault, status) => {
    await admin(sandbox, 'POST', '/__sandbox/faults', fault);
    const reply = await upload(sandbox, good);
    expect(reply.status).toBe(status);
    expect(reply.body).toBeUndefined();
  });

  test('drop over the route', async () => {
    await admin(sandbox, 'POST', '/__sandbox/faults', { kind: 'drop' });
    await expect(upload(sandbox, good)).rejects.toThrow();
  });

  test('an invalid fault is 400 and adds nothing', async () => {
    for (const bad of [
      { kind: 'explode' },
      { kind: 'status' },
      { kind: 'delay', ms: -1 },
      { kind: 'recordError', code: 999 },
    ]) {
      const reply = await admin(sandbox, 'POST', '/__sandbox/faults', bad);
      expect(reply.status).toBe(400);
      expect(reply.body.status).toBe('fail');
    }
    expect(sandbox.faults.list()).toEqual([]);
  });

  test('the programmatic add() validates too', () => {
    expect(() => sandbox.faults.add({ kind: 'status', status: 42 })).toThrow();
  });
});

describe('hold: calls wait until released, whatever the clock', () => {
  test('held calls keep their slot until release(); then they are answered and stored as usual', async () => {
    sandbox.faults.holdNext(2);
    let settled = 0;
    const held = [upload(sandbox, good), upload(sandbox, [profile('u2', { Name: 'Bo' })])].map((call) =>
      call.finally(() => (settled += 1)),
    );
    await sandbox.when(() => sandbox.faults.held() === 2);
    expect((await admin(sandbox, 'GET', '/__sandbox/faults')).body).toEqual({ faults: [], held: 2 });
    expect((await upload(sandbox, [profile('u3', {})])).status).toBe(200); // not held: the hold was for 2 calls
    expect(settled).toBe(0);
    expect(sandbox.store.profiles().map((p) => p.identity)).toEqual(['u3']);
    expect(sandbox.faults.release()).toBe(2);
    const replies = await Promise.all(held);
    expect(replies.map((reply) => reply.body)).toEqual([SUCCESS, SUCCESS]);
    expect(
      sandbox.store
        .profiles()
        .map((p) => p.identity)
        .sort(),
    ).toEqual(['u1', 'u2', 'u3']);
    expect(sandbox.received().map((entry) => entry.faults)).toEqual([[], ['hold'], ['hold']]);
  });

  test('POST /__sandbox/release lets the held calls go on', async () => {
    expect((await admin(sandbox, 'POST', '/__sandbox/faults', { kind: 'hold' })).status).toBe(200);
    const held = upload(sandbox, good);
    await sandbox.when(() => sandbox.faults.held() === 1);
    expect((await admin(sandbox, 'POST', '/__sandbox/release')).body).toEqual({ status: 'ok', released: 1 });
    expect((await held).body).toEqual(SUCCESS);
  });

  test('reset() lets held calls go on; close() drops them', async () => {
    const other = await startSandbox();
    try {
      other.faults.holdNext('always');
      const first = upload(other, good);
      await other.when(() => other.faults.held() === 1);
      other.reset();
      expect((await first).status).toBe(200);
      other.faults.holdNext();
      const second = upload(other, good).catch((error: unknown) => error);
      await other.when(() => other.faults.held() === 1);
      await other.close();
      expect(((await second) as Error).message).toMatch(/fetch failed/);
      // The first call, let go by reset(), is answered after the reset emptied the log: it is logged after it.
      expect(other.received().map((entry) => [entry.status, entry.faults])).toEqual([
        [200, ['hold']],
        [0, ['hold']],
      ]);
    } finally {
      await other.close();
    }
  });
});

describe('when(): waits for what the sandbox does, not for a time', () => {
  test('resolves at once when the condition already holds, else after the change that makes it hold', async () => {
    await sandbox.when(() => true);
    const logged = sandbox.when(() => sandbox.received().length === 1);
    let done = false;
    void logged.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await upload(sandbox, good);
    await logged;
    expect(sandbox.received()).toHaveLength(1);
  });

  test('a condition that throws rejects; close() rejects the waiters still pending', async () => {
    await expect(
      sandbox.when(() => {
        throw new Error('bad condition');
      }),
    ).rejects.toThrow('bad condition');
    const other = await startSandbox();
    const never = other.when(() => false);
    await other.close();
    await expect(never).rejects.toThrow(/closed before the awaited condition held/);
  });
});

describe('concurrency limit', () => {
  /**
   * Fires `n` calls with every call held, waits until the limit's worth are held and the rest answered, then releases
   * them: the outcome cannot depend on how fast the machine sends them.
   */
  async function burst<T extends { status: number }>(
    on: Sandbox,
    n: number,
    limit: number,
    call: () => Promise<T>,
    answered: () => number,
  ): Promise<T[]> {
    const replies = Promise.all(Array.from({ length: n }, call));
    await on.when(() => on.faults.held() === limit && answered() === n - limit);
    on.faults.release();
    return replies;
  }

  test('more than maxConcurrent uploads in flight answer 429; they pass again once the others end', async () => {
    sandbox.faults.holdNext('always', 'upload');
    const replies = await burst(
      sandbox,
      5,
      3,
      () => upload(sandbox, good),
      () => sandbox.received().length,
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = replies.find((reply) => reply.status === 429)!;
    expect(limited.body).toEqual({ status: 'fail', error: 'Too many concurrent requests', code: 429 });
    sandbox.faults.clear();
    expect((await upload(sandbox, good)).status).toBe(200);
  });

  test('the default limit is 15 uploads per account', async () => {
    const other = await startSandbox();
    try {
      expect(other.settings().maxConcurrent).toBe(15);
      other.faults.holdNext('always');
      const replies = await burst(
        other,
        18,
        15,
        () => upload(other, good),
        () => other.received().length,
      );
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(3);
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(15);
    } finally {
      await other.close();
    }
  });

  test('profile lookups have their own limit (3 by default)', async () => {
    sandbox.faults.holdNext('always', 'profile');
    const replies = await burst(
      sandbox,
      4,
      3,
      () => lookup(sandbox, 'identity=u1'),
      () => sandbox.lookups().length,
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 429]);
  });
});

test('close() ends pending delays and open connections', async () => {
  const other = await startSandbox();
  other.faults.delayNext(60_000);
  const pending = upload(other, good).catch((error: unknown) => error);
  await other.when(() => other.faults.list().length === 0);
  await other.close(); // would wait the whole minute, past jest's timeout, if the delay outlived it
  expect(((await pending) as Error).message).toMatch(/fetch failed/);
});
