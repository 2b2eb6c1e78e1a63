// What the sandbox received: every upload request, every profile lookup and every call that acts on users (delete,
// subscribe, send), with the answer given. Headers are never kept, so the passcode never appears here.
import { ActRoute } from './contract';

/** What every log entry has. */
export interface ReceivedCall {
  /** 1, 2, 3... in the order requests arrived (shared by all the logs). */
  seq: number;
  /** ISO time the request arrived. */
  at: string;
  region: string;
  /** The X-CleverTap-Account-Id header as sent (null when missing); the passcode is never kept. */
  accountId: string | null;
  /** The query string, e.g. { dryRun: '1' }. */
  query: Record<string, string>;
  /** HTTP status answered; 0 for a dropped connection. */
  status: number;
  /** The answer body: parsed JSON, or text for non-JSON answers; null for a dropped connection. */
  answer: unknown;
  /** The kind of fault that shaped the answer, if any ('status', 'nonJson', 'drop', 'recordError', 'delay'). */
  faults: string[];
}

/** A call with a body: the body as received. */
export interface ReceivedWithBody extends ReceivedCall {
  contentType: string | null;
  /** The parsed JSON body, or null when it was not JSON. */
  body: unknown;
  /** The raw body text (first 2000 characters), only when it was not JSON. */
  rawBody?: string;
}

export interface ReceivedUpload extends ReceivedWithBody {
  dryRun: boolean;
}

export type ReceivedLookup = ReceivedCall;

/** A POST to /1/delete/profiles.json, /1/subscribe or /1/send/externaltrigger.json. */
export interface ReceivedAct extends ReceivedWithBody {
  route: ActRoute;
}

/** A list that keeps the latest `limit` entries. */
export class BoundedLog<T> {
  private entries: T[] = [];
  constructor(private readonly limit: number) {}

  push(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  all(): T[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries = [];
  }
}
