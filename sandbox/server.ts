// The HTTP server: routing, credentials, the concurrency limits, faults, and the request logs.
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { JsonRequest } from './batch';
import { API_ROUTES, ApiRoute, RecordErrorCode, isActRoute, isRegion } from './contract';
import { SandboxInfo, handleAdmin } from './admin';
import { handleDelete } from './delete';
import { AnswerFault } from './faults';
import { Answer, answerBody, header, htmlError, readBody, requestError, send } from './http';
import { handleLookup } from './lookup';
import { handleSchema, SCHEMA_METHODS, SCHEMA_PATH } from './schema';
import { CallRoute, SandboxState } from './state';
import { handleSubscribe } from './subscribe';
import { handleTrigger } from './trigger';
import { handleUpload } from './upload';

const BODY_LIMIT = 32 * 1024 * 1024;
const RAW_BODY_LOGGED = 2000;
const API_PATH = /^\/([^/]+)\/1\/(.+)$/;
const ROUTE_OF_PATH = new Map<string, ApiRoute>(
  Object.entries(API_ROUTES).map(([route, { path }]) => [path, route as ApiRoute]),
);

/** What a route handler is given: the call's JSON request, its URL, and the sandbox's state. */
type RouteHandler = (request: JsonRequest, url: URL, state: SandboxState) => Answer;

const HANDLERS: Record<ApiRoute, RouteHandler> = {
  upload: (request, url, { settings, store }) =>
    handleUpload({ ...request, dryRun: isDryRun(url) }, settings, store),
  profile: (request, url, { settings, store }) =>
    handleLookup(url.searchParams, request.accountId, settings, store),
  delete: (request, _url, { store }) => handleDelete(request, store),
  subscribe: (request, _url, { store }) => handleSubscribe(request, store),
  trigger: (request, _url, { settings, store }) => handleTrigger(request, settings, store),
};
/** Statuses a status fault answers with an HTML page unless told otherwise (as a proxy would). */
const HTML_STATUSES = [502, 504];

const FAULT_ANSWERS: Record<Exclude<AnswerFault['kind'], 'recordError'>, (fault: AnswerFault) => Answer> = {
  status: (fault) => {
    const { status, html, error } = fault as Extract<AnswerFault, { kind: 'status' }>;
    return (html ?? HTML_STATUSES.includes(status)) ? htmlError(status) : requestError(status, error);
  },
  nonJson: (fault) => {
    const { body, contentType } = fault as Extract<AnswerFault, { kind: 'nonJson' }>;
    return {
      status: 200,
      text: body ?? '<html><body>OK</body></html>',
      contentType: contentType ?? 'text/html',
    };
  },
  drop: () => ({ drop: true }),
};

/** Sleeps that end early when the server closes, so no timer outlives it. */
class Sleeper {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  cancelAll(): void {
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}

interface ApiCall {
  req: IncomingMessage;
  url: URL;
  region: string;
  route: CallRoute;
  text: string;
}

interface Outcome {
  answer: Answer;
  faults: string[];
}

function parseForLog(text: string): { body: unknown; rawBody?: string } {
  if (text === '') return { body: null };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: null, rawBody: text.slice(0, RAW_BODY_LOGGED) };
  }
}

export class SandboxServer {
  readonly server: Server;
  private readonly sleeper = new Sleeper();
  private closing = false;

  constructor(
    private readonly state: SandboxState,
    private readonly info: () => SandboxInfo,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => send(res, requestError(500)));
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    if (this.closing) return Promise.resolve();
    this.closing = true;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.sleeper.cancelAll();
      this.state.faults.release();
      this.state.closed();
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { text, tooLarge } = await readBody(req, BODY_LIMIT);
    const method = req.method ?? 'GET';
    if (url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/'))
      return send(
        res,
        handleAdmin(this.state, { method, path: url.pathname, query: url.searchParams, text }, this.info()),
      );
    const schemaRegion = SCHEMA_PATH.exec(url.pathname)?.[1] ?? '';
    if (isRegion(schemaRegion)) {
      if (!SCHEMA_METHODS.includes(method)) return send(res, requestError(405));
      return this.apiCall(res, { req, url, region: schemaRegion, route: 'schema', text });
    }
    const match = API_PATH.exec(url.pathname);
    const region = match?.[1] ?? '';
    const route = ROUTE_OF_PATH.get(match?.[2] ?? '');
    if (!match || !isRegion(region) || !route)
      return send(res, requestError(404, `Not found: ${url.pathname}`));
    if (method !== API_ROUTES[route].method) return send(res, requestError(405));
    if (tooLarge) return send(res, requestError(413));
    await this.apiCall(res, { req, url, region, route, text });
  }

  private async apiCall(res: ServerResponse, call: ApiCall): Promise<void> {
    const seq = this.state.nextSeq();
    const at = new Date().toISOString();
    const accountId = header(call.req, 'X-CleverTap-Account-Id');
    const passcode = header(call.req, 'X-CleverTap-Passcode');
    const account = this.state.authenticate(call.region, accountId, passcode);
    let outcome: Outcome;
    if (!account) {
      outcome = { answer: requestError(401), faults: [] };
      send(res, outcome.answer);
    } else if (!this.state.enter(account.id, call.route)) {
      outcome = { answer: requestError(429), faults: [] };
      send(res, outcome.answer);
    } else {
      try {
        outcome = await this.answer(account.id, call);
        send(res, outcome.answer);
      } finally {
        this.state.leave(account.id, call.route);
      }
    }
    this.log(seq, at, accountId ?? null, call, outcome);
    this.state.changed();
  }

  /** The answer to an authenticated call in its concurrency slot: faults first, then the route. */
  private async answer(accountId: string, call: ApiCall): Promise<Outcome> {
    // getSchema takes the faults aimed at any route (faults.ts names only the `/1/` routes).
    const { wait, answer: fault } = this.state.faults.take(call.route as ApiRoute);
    const delayMs = wait?.kind === 'delay' ? wait.ms : 0;
    const waited = wait?.kind === 'hold' ? 'hold' : delayMs > 0 ? 'delay' : undefined;
    const faults = [waited, fault?.kind].filter((kind): kind is string => kind !== undefined);
    if (wait?.kind === 'hold' && !this.closing) {
      const held = this.state.faults.hold();
      this.state.changed();
      await held;
    } else {
      this.state.changed();
      if (delayMs > 0) await this.sleeper.sleep(delayMs);
    }
    if (this.closing) return { answer: { drop: true }, faults };
    if (fault && fault.kind !== 'recordError') return { answer: FAULT_ANSWERS[fault.kind](fault), faults };
    if (call.route === 'schema')
      return {
        answer: handleSchema(call.url.searchParams, accountId, this.state.settings, this.state.store),
        faults,
      };
    const request: JsonRequest = {
      accountId,
      contentType: header(call.req, 'Content-Type'),
      text: call.text,
      forceCode: fault?.kind === 'recordError' ? ((fault.code ?? 555) as RecordErrorCode) : undefined,
    };
    return { answer: HANDLERS[call.route](request, call.url, this.state), faults };
  }

  private log(seq: number, at: string, accountId: string | null, call: ApiCall, outcome: Outcome): void {
    const status = outcome.answer.drop ? 0 : outcome.answer.status;
    const common = {
      seq,
      at,
      region: call.region,
      accountId,
      query: Object.fromEntries(call.url.searchParams),
      status,
      answer: answerBody(outcome.answer),
      faults: outcome.faults,
    };
    if (call.route === 'profile') return this.state.lookups.push(common);
    if (call.route === 'schema')
      return this.state.schemaReads.push({ ...common, method: call.req.method ?? 'GET' });
    const withBody = {
      ...common,
      contentType: header(call.req, 'Content-Type') ?? null,
      ...parseForLog(call.text),
    };
    if (isActRoute(call.route)) return this.state.acts.push({ ...withBody, route: call.route });
    this.state.uploads.push({ ...withBody, dryRun: isDryRun(call.url) });
  }
}

function isDryRun(url: URL): boolean {
  return ['1', 'true'].includes(url.searchParams.get('dryRun') ?? '');
}
