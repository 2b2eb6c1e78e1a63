// Helpers for the sandbox tests: talk to a running sandbox over real HTTP with Node's fetch.
import { DEFAULT_ACCOUNT, Sandbox, SandboxAccount } from '../../sandbox';

export interface Reply {
  status: number;
  contentType: string | null;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  region?: string;
  account?: Pick<SandboxAccount, 'id' | 'passcode'>;
  query?: string;
  headers?: Record<string, string>;
}

export function credentials(account: Pick<SandboxAccount, 'id' | 'passcode'> = DEFAULT_ACCOUNT) {
  return { 'X-CleverTap-Account-Id': account.id, 'X-CleverTap-Passcode': account.passcode };
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, body };
}

/** POSTs raw text to /<region>/1/<path> with the credentials and a JSON Content-Type (unless overridden). */
export async function postRaw(
  sandbox: Sandbox,
  path: string,
  text: string,
  options: CallOptions = {},
): Promise<Reply> {
  const region = options.region ?? 'eu1';
  const query = options.query ? `?${options.query}` : '';
  const response = await fetch(`${sandbox.url}/${region}/1/${path}${query}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      ...credentials(options.account),
      ...options.headers,
    },
    body: text,
  });
  return reply(response);
}

/** POSTs raw text to /<region>/1/upload. */
export function uploadRaw(sandbox: Sandbox, text: string, options: CallOptions = {}): Promise<Reply> {
  return postRaw(sandbox, 'upload', text, options);
}

/** The paths of the routes that act on users. */
export const ACT_PATHS = {
  delete: 'delete/profiles.json',
  subscribe: 'subscribe',
  trigger: 'send/externaltrigger.json',
} as const;

/** POSTs a JSON body to one of the routes that act on users. */
export function act(
  sandbox: Sandbox,
  route: keyof typeof ACT_PATHS,
  body: unknown,
  options: CallOptions = {},
): Promise<Reply> {
  return postRaw(sandbox, ACT_PATHS[route], JSON.stringify(body), options);
}

/** POSTs {d: records} to /<region>/1/upload. */
export function upload(sandbox: Sandbox, records: unknown[], options: CallOptions = {}): Promise<Reply> {
  return uploadRaw(sandbox, JSON.stringify({ d: records }), options);
}

/** GETs /<region>/1/profile.json?<query>. */
export async function lookup(sandbox: Sandbox, query: string, options: CallOptions = {}): Promise<Reply> {
  const region = options.region ?? 'eu1';
  const response = await fetch(`${sandbox.url}/${region}/1/profile.json?${query}`, {
    headers: { ...credentials(options.account), ...options.headers },
  });
  return reply(response);
}

/** A call to one of the sandbox's own /__sandbox/ routes. */
export async function admin(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return reply(response);
}

export const profile = (identity: string, profileData: Record<string, unknown>, extra: object = {}) => ({
  type: 'profile',
  identity,
  profileData,
  ...extra,
});

export const event = (
  identity: string,
  evtName: string,
  evtData: Record<string, unknown> = {},
  extra: object = {},
) => ({
  type: 'event',
  identity,
  evtName,
  evtData,
  ...extra,
});

/** A call whose one record was refused with `code`: HTTP 200, status fail, the record echoed, CleverTap's text. */
export function expectOneRefused(
  reply: Reply,
  code: number,
  record: unknown,
  error: unknown = expect.any(String),
) {
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({
    status: 'fail',
    processed: 0,
    unprocessed: [{ status: 'fail', code, error, record }],
  });
  expect(reply.body.unprocessed[0].error).toMatch(
    new RegExp(`^.+ ErrorCode: ${code} - .+ Skipped record number : 1$`),
  );
}
