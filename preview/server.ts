/**
 * The preview's web server (Node's http, 127.0.0.1 only): the page and its static files from preview/static/, and a
 * small JSON API the page calls. Every step runs one at a time, so the CleverTap side shows exactly that step's
 * requests. Nothing is logged; no answer but /api/session carries the passcode.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { cleverTapSide, lastSeq, readLogs, requestsSince } from './clevertap-side';
import { describeActions, describeFields, type PageAction, type PreviewApp } from './definition';
import type { SandboxControl } from './sandbox-control';
import { sampleFills, type HubSpotSamples } from './samples';
import { Steps, type AppTester } from './steps';

export interface PreviewOptions {
  app: PreviewApp;
  appTester: AppTester;
  sandbox: SandboxControl;
  samples: HubSpotSamples;
  /** preview/static: index.html, app.js, style.css. */
  staticDir: string;
}

export interface Preview {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Answers CleverTap's next call with one of the sandbox's faults, to see what the Zap user would see. */
export const NEXT_ANSWERS: Record<string, { label: string; fault?: object }> = {
  normal: { label: 'As CleverTap normally answers' },
  unavailable: { label: 'HTTP 503: CleverTap unavailable', fault: { kind: 'status', status: 503 } },
  busy: { label: 'HTTP 429: too many requests', fault: { kind: 'status', status: 429 } },
  proxy: { label: 'HTTP 502: an HTML error page', fault: { kind: 'status', status: 502 } },
  nonJson: { label: 'HTTP 200 with a body that is not JSON', fault: { kind: 'nonJson' } },
  refused: { label: 'HTTP 200, record refused (code 555)', fault: { kind: 'recordError', code: 555 } },
  dropped: { label: 'Connection dropped without an answer', fault: { kind: 'drop' } },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The page loads nothing from anywhere else, and runs no inline script. */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const BODY_LIMIT = 1024 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new HttpProblem(415, 'Send JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new HttpProblem(413, 'The request is larger than 1 MB.');
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // Answered below.
  }
  throw new HttpProblem(400, 'The request body is not a JSON object.');
}

const textRecord = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(typeof value === 'object' && value !== null ? value : {}).map(([k, v]) => [
      k,
      String(v ?? ''),
    ]),
  );

const formOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * Empties the z.cache that zapier-platform-core's app tester gives performs (`zcacheTestObj`, in memory, without
 * expiry or scopes), as when Zapier's cache period ends.
 */
function emptyZapierCache(appTester: AppTester): void {
  const tester = appTester as AppTester & { zcacheTestObj?: object };
  if (tester.zcacheTestObj !== undefined) tester.zcacheTestObj = {};
}

/** Runs tasks one after another. */
function serial() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}

export async function startPreview(options: PreviewOptions, port = 0): Promise<Preview> {
  const { app, appTester, sandbox, samples, staticDir } = options;
  const steps = new Steps(app, appTester);
  const actions: PageAction[] = describeActions(app);
  const oneAtATime = serial();
  let origin = '';
  const timezones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((tz) => tz !== 'UTC')];

  /** Secrets never leave in an answer: the sandbox's passcode and the one the request carried. */
  const scrub = (text: string, authData?: Record<string, string>) => {
    for (const secret of [sandbox.account.passcode, authData?.passcode])
      if (secret && secret.length >= 4) text = text.split(secret).join('********');
    return text;
  };

  const sendJson = (
    res: ServerResponse,
    status: number,
    body: unknown,
    authData?: Record<string, string>,
  ) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(scrub(JSON.stringify(body), authData));
  };

  const sendFile = (res: ServerResponse, name: string) => {
    // Only the files that are in the folder, by their exact names: no paths.
    const type = CONTENT_TYPES[extname(name)];
    if (!type || !/^[\w.-]+$/.test(name) || !readdirSync(staticDir).includes(name))
      throw new HttpProblem(404, `No file ${name}.`);
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type });
    res.end(readFileSync(join(staticDir, name)));
  };

  const definition = () => ({
    app: { version: app.version, platformVersion: app.platformVersion },
    connection: { type: app.authentication.type, fields: describeFields(app.authentication.fields) },
    actions: actions.map((action) => ({ ...action, samples: sampleFills(action.key, samples) })),
    timezones,
    nextAnswers: Object.entries(NEXT_ANSWERS).map(([value, { label }]) => ({ value, label })),
  });

  const sandboxStatus = () => ({
    running: sandbox.url() !== undefined,
    url: sandbox.url(),
    baseUrl: sandbox.baseUrl,
  });

  /** Sets up CleverTap's next answer; returns a clean-up that removes it if the step did not use it. */
  async function arrangeNextAnswer(choice: unknown): Promise<() => Promise<void>> {
    const next =
      typeof choice === 'string' && Object.hasOwn(NEXT_ANSWERS, choice) ? NEXT_ANSWERS[choice] : undefined;
    const url = sandbox.url();
    if (!next?.fault || !url) return () => Promise.resolve(undefined);
    await fetch(`${url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(next.fault),
    });
    return async () => {
      await fetch(`${url}/__sandbox/faults`, { method: 'DELETE' }).catch(() => undefined);
    };
  }

  async function testStep(kind: string, key: string, body: Record<string, unknown>) {
    const action = steps.action(kind, key);
    const page = actions.find((a) => a.kind === kind && a.key === key);
    if (!action || !page) throw new HttpProblem(404, `The app has no ${kind} "${key}".`);
    const authData = textRecord(body.authData);
    const timezone =
      typeof body.timezone === 'string' && timezones.includes(body.timezone) ? body.timezone : 'UTC';
    const url = sandbox.url();
    const before = url ? await readLogs(url) : undefined;
    const since = before && !('problem' in before) ? lastSeq(before) : 0;
    const cleanUp = await arrangeNextAnswer(body.nextAnswer);
    try {
      const step = await steps.testStep(action, page, authData, formOf(body.form), timezone);
      const cleverTap = await cleverTapSide(sandbox.url(), authData.accountId ?? '', since, step.handedOver);
      return { step, cleverTap, timezone, sandbox: sandboxStatus() };
    } finally {
      await cleanUp();
    }
  }

  /** A dynamic dropdown's choices, and how many requests filling it sent to CleverTap (0: from Zapier's cache). */
  async function dropdown(dynamic: string, authData: Record<string, string>) {
    const url = sandbox.url();
    const before = url ? await readLogs(url) : undefined;
    const since = before && !('problem' in before) ? lastSeq(before) : undefined;
    const result = await steps.dropdown(dynamic, authData, {});
    const after = url && since !== undefined ? await readLogs(url) : undefined;
    const requests = after && !('problem' in after) ? requestsSince(after, since ?? 0).length : undefined;
    return { ...result, requests };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && path === '/') return sendFile(res, 'index.html');
    if (method === 'GET' && path.startsWith('/static/')) return sendFile(res, path.slice('/static/'.length));
    if (method === 'GET' && path === '/api/definition') return sendJson(res, 200, definition());
    if (method === 'GET' && path === '/api/session') {
      // The one answer with the passcode: it pre-fills the page's password box.
      const { id, passcode, region } = sandbox.account;
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ authData: { accountId: id, passcode, region }, sandbox: sandboxStatus() }));
      return;
    }
    if (method !== 'POST') throw new HttpProblem(404, `No page ${method} ${path}.`);
    const body = await readJson(req);
    const authData = textRecord(body.authData);
    if (path === '/api/connection/test')
      return sendJson(res, 200, await oneAtATime(() => steps.testConnection(authData)), authData);
    if (path === '/api/dropdown') {
      if (typeof body.dynamic !== 'string') throw new HttpProblem(400, 'Name the dropdown (dynamic).');
      const dynamic = body.dynamic;
      return sendJson(res, 200, await oneAtATime(() => dropdown(dynamic, authData)), authData);
    }
    const match = /^\/api\/actions\/(create|search)\/([^/]+)\/(fields|test)$/.exec(path);
    if (match) {
      const [, kind, key, what] = match as unknown as [string, string, string, string];
      if (what === 'test')
        return sendJson(res, 200, await oneAtATime(() => testStep(kind, key, body)), authData);
      const action = steps.action(kind, key);
      if (!action) throw new HttpProblem(404, `The app has no ${kind} "${key}".`);
      const fields = await oneAtATime(() => steps.fields(action, authData, formOf(body.form)));
      return sendJson(res, 200, { fields }, authData);
    }
    if (path === '/api/sandbox/stop' || path === '/api/sandbox/start' || path === '/api/sandbox/reset') {
      await oneAtATime(async () => {
        // A new or cleared account: what the app cached about the old one goes (core's test cache never expires).
        if (!path.endsWith('stop')) emptyZapierCache(appTester);
        if (path.endsWith('stop')) await sandbox.stop();
        else if (path.endsWith('start')) await sandbox.start();
        else {
          const running = sandbox.url();
          if (!running) throw new HttpProblem(409, 'The CleverTap test server is stopped: start it first.');
          await fetch(`${running}/__sandbox/reset`, { method: 'POST' });
        }
      });
      return sendJson(res, 200, { sandbox: sandboxStatus() });
    }
    throw new HttpProblem(404, `No page ${method} ${path}.`);
  }

  const server = createServer((req, res) => {
    // Only pages opened at this address: another site cannot read the API through a name that points here.
    const host = req.headers.host ?? '';
    if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) {
      sendJson(res, 403, { problem: 'Open the preview at the address it printed.' });
      return;
    }
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpProblem ? error.status : 500;
      const problem =
        error instanceof HttpProblem
          ? error.message
          : `The preview itself failed: ${(error as Error)?.message ?? error}`;
      if (!res.headersSent) sendJson(res, status, { problem });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
