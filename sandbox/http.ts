// HTTP plumbing shared by the routes: the Answer a handler returns, sending it, reading a body.
import { IncomingMessage, ServerResponse } from 'node:http';
import { requestErrorText } from './contract';

/** What a route handler answers. `drop` destroys the connection without an answer. */
export type Answer =
  | { status: number; json: unknown; drop?: false }
  | { status: number; text: string; contentType: string; drop?: false }
  | { drop: true };

export const json = (status: number, body: unknown): Answer => ({ status, json: body });

/** CleverTap's request-level failure: `{"status":"fail","error":"...","code":<http status>}`. */
export const requestError = (status: number, error: string = requestErrorText(status)): Answer =>
  json(status, { status: 'fail', error, code: status });

export function htmlError(status: number): Answer {
  const title = `${status} ${requestErrorText(status)}`;
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    text: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  };
}

/** The body of an answer as it is logged: parsed JSON, or the text. */
export function answerBody(answer: Answer): unknown {
  if (answer.drop) return null;
  return 'json' in answer ? answer.json : answer.text;
}

export function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed || res.writableEnded) return;
  if (answer.drop) {
    res.socket?.destroy();
    return;
  }
  const [contentType, body] =
    'json' in answer
      ? ['application/json; charset=utf-8', JSON.stringify(answer.json)]
      : [answer.contentType, answer.text];
  res.writeHead(answer.status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export interface Body {
  text: string;
  tooLarge: boolean;
}

/** Reads the whole request body as UTF-8; past `limit` bytes the rest is discarded and `tooLarge` set. */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > limit }));
    req.on('error', reject);
  });
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A parsed request, or the answer that refuses it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; answer: Answer };

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** A JSON request body: the Content-Type is checked first, then the JSON; either refusal is a 400. */
export function parseJsonBody(contentType: string | undefined, text: string): Parsed<unknown> {
  if (!JSON_TYPE.test(contentType ?? ''))
    return { ok: false, answer: requestError(400, 'Content-Type must be application/json') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, answer: requestError(400, 'Malformed JSON in the request body') };
  }
}
