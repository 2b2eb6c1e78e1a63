// The sandbox's own routes under /__sandbox/ (clearly not CleverTap's): inspection, reset, faults, settings.
import { z } from 'zod';
import { ACT_ROUTES } from './contract';
import { faultSchema } from './faults';
import { Answer, json } from './http';
import { PROFILE_NOT_FOUND_SHAPES, ProfileNotFoundShape, SandboxState } from './state';

export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  text: string;
}

const settingsSchema = z
  .object({
    maxRecordsPerCall: z.number().int().positive(),
    maxConcurrent: z.number().int().positive(),
    maxConcurrentReads: z.number().int().positive(),
    maxConcurrentActs: z.number().int().positive(),
    profileNotFound: z.enum(PROFILE_NOT_FOUND_SHAPES as [ProfileNotFoundShape, ...ProfileNotFoundShape[]]),
    discardedEvents: z.array(z.string()),
    campaigns: z.array(z.string().regex(/^\d+$/, 'a campaign id is digits')).nullable(),
    schemaEvents: z.array(z.string()),
    schemaProfileProperties: z.array(z.string()),
  })
  .partial()
  .strict();

const fail = (status: number, error: string): Answer => json(status, { status: 'fail', error, code: status });

/** Parses a JSON body with a schema; the answer to send when it does not fit. */
function parse<T>(
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; answer: Answer } {
  let body: unknown;
  try {
    body = JSON.parse(text === '' ? '{}' : text);
  } catch {
    return { ok: false, answer: fail(400, 'Malformed JSON in the request body') };
  }
  const result = schema.safeParse(body);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, answer: fail(400, z.prettifyError(result.error)) };
}

type AdminHandler = (state: SandboxState, request: AdminRequest, info: SandboxInfo) => Answer;

export interface SandboxInfo {
  url: string;
  baseUrl: string;
}

function addFaults(state: SandboxState, request: AdminRequest): Answer {
  const parsed = parse(request.text, z.union([faultSchema, z.array(faultSchema)]));
  if (!parsed.ok) return parsed.answer;
  for (const fault of [parsed.value].flat()) state.faults.add(fault);
  return json(200, { status: 'ok', faults: state.faults.list() });
}

function configure(state: SandboxState, request: AdminRequest): Answer {
  const parsed = parse(request.text, settingsSchema);
  if (!parsed.ok) return parsed.answer;
  return json(200, { status: 'ok', settings: state.configure(parsed.value) });
}

/** `<METHOD> <path>` -> handler. */
const ROUTES: Record<string, AdminHandler> = {
  'GET /__sandbox/health': (state, _request, info) =>
    json(200, { status: 'ok', ...info, accounts: accountsOf(state) }),
  'GET /__sandbox/received': (state) => json(200, { received: state.uploads.all() }),
  'GET /__sandbox/lookups': (state) => json(200, { lookups: state.lookups.all() }),
  'GET /__sandbox/schema-reads': (state) => json(200, { schemaReads: state.schemaReads.all() }),
  'GET /__sandbox/acts': listActs,
  'GET /__sandbox/store': (state) => json(200, state.store.snapshot()),
  'GET /__sandbox/subscriptions': (state) =>
    json(200, { subscriptions: everyAccount(state, (id) => state.store.subscriptions(id)) }),
  'GET /__sandbox/inbox': (state) => json(200, { inbox: everyAccount(state, (id) => state.store.inbox(id)) }),
  'POST /__sandbox/reset': (state) => {
    state.reset();
    return json(200, { status: 'ok' });
  },
  'GET /__sandbox/faults': (state) => json(200, { faults: state.faults.list() }),
  'POST /__sandbox/faults': addFaults,
  'DELETE /__sandbox/faults': (state) => {
    state.faults.clear();
    return json(200, { status: 'ok', faults: [] });
  },
  'GET /__sandbox/config': (state) => json(200, { settings: state.settings }),
  'POST /__sandbox/config': configure,
};

/** The entries of every account the store has seen, each with its `accountId` first. */
function everyAccount<T extends object>(state: SandboxState, entries: (accountId: string) => T[]) {
  return state.store
    .accountIds()
    .flatMap((accountId) => entries(accountId).map((entry) => ({ accountId, ...entry })));
}

/** The acts log; `?route=delete|subscribe|trigger` keeps one route's calls. */
function listActs(state: SandboxState, request: AdminRequest): Answer {
  const route = request.query.get('route');
  if (route === null) return json(200, { acts: state.acts.all() });
  if (!(ACT_ROUTES as readonly string[]).includes(route))
    return fail(400, `route must be one of ${ACT_ROUTES.join(', ')}`);
  return json(200, { acts: state.acts.all().filter((act) => act.route === route) });
}

/** Account ids and regions, never passcodes. */
const accountsOf = (state: SandboxState) => state.accounts.map(({ id, region }) => ({ id, region }));

export function handleAdmin(state: SandboxState, request: AdminRequest, info: SandboxInfo): Answer {
  const handler = ROUTES[`${request.method} ${request.path.replace(/\/+$/, '')}`];
  return handler
    ? handler(state, request, info)
    : fail(404, `No sandbox route ${request.method} ${request.path}`);
}
