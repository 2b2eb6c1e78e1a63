// Faults on demand: the next N CleverTap calls answer a chosen HTTP status, a non-JSON body, a dropped
// connection, every record rejected with a per-record code (555 by default; uploads and subscribe calls), come
// after a delay, or are held until the test releases them. A fault applies to one route, the routes that act on
// users ('act'), or any route.
import { z } from 'zod';
import { ApiRoute, RECORD_ERRORS, RecordErrorCode, isActRoute } from './contract';

/** Which CleverTap route a fault applies to: one route, 'act' (delete, subscribe and trigger), or 'any' route. */
const route = z.enum(['upload', 'profile', 'delete', 'subscribe', 'trigger', 'act', 'any'] satisfies (
  ApiRoute | 'act' | 'any'
)[]);
/** The routes whose answers carry per-record results, so a recordError fault can apply to them. */
const RECORD_ROUTES: readonly ApiRoute[] = ['upload', 'subscribe'];
/** How many calls the fault applies to: a positive number (default 1) or 'always' until cleared. */
const count = z.union([z.number().int().positive(), z.literal('always')]);
const common = { count: count.optional(), on: route.optional() };
const recordCodes = Object.keys(RECORD_ERRORS).map(Number);

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(200).max(599),
    /** Answer an HTML page instead of CleverTap's JSON body (default: true for 502 and 504 only). */
    html: z.boolean().optional(),
    /** Replaces the default error text of the JSON body. */
    error: z.string().optional(),
    ...common,
  }),
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000), ...common }),
  /** The call waits, in its concurrency slot, until `release()` (or reset() or close()): no clock involved. */
  z.object({ kind: z.literal('hold'), ...common }),
  z.object({
    kind: z.literal('nonJson'),
    body: z.string().optional(),
    contentType: z.string().optional(),
    ...common,
  }),
  z.object({ kind: z.literal('drop'), ...common }),
  z.object({
    kind: z.literal('recordError'),
    code: z
      .number()
      .int()
      .refine((code) => recordCodes.includes(code), 'not a per-record error code')
      .optional(),
    ...common,
  }),
]);

export type FaultSpec = z.infer<typeof faultSchema>;
export type FaultRoute = z.infer<typeof route>;
/** The faults that make a call wait before it is handled: at most one per call. */
export type WaitFault = Extract<FaultSpec, { kind: 'delay' | 'hold' }>;
export type AnswerFault = Exclude<FaultSpec, WaitFault>;
export type ActiveFault = FaultSpec & { remaining: number | 'always' };

export interface TakenFaults {
  /** The call's wait: a delay or a hold, if any. */
  wait?: WaitFault;
  answer?: AnswerFault;
}

const isWait = (fault: FaultSpec): fault is WaitFault => fault.kind === 'delay' || fault.kind === 'hold';

const DEFAULT_NON_JSON = '<html><body>OK</body></html>';
export const defaultNonJsonBody = DEFAULT_NON_JSON;
export const defaultRecordErrorCode: RecordErrorCode = 555;

export class FaultControls {
  private active: ActiveFault[] = [];
  /** The calls held now, each by the function that lets it go on. */
  private holding: (() => void)[] = [];

  /** Adds a fault (validated; throws a ZodError on a bad spec). Faults of one kind queue in order. */
  add(spec: FaultSpec): void {
    const fault = faultSchema.parse(spec);
    this.active.push({ ...fault, remaining: fault.count ?? 1 });
  }

  /** The next `count` calls answer `status` with CleverTap's request-level body (HTML for 502/504). */
  failNext(
    status: number,
    count: number | 'always' = 1,
    options: { html?: boolean; error?: string; on?: FaultRoute } = {},
  ): void {
    this.add({ kind: 'status', status, count, ...options });
  }

  /** The next `count` calls wait `ms` milliseconds before they are handled. */
  delayNext(ms: number, count: number | 'always' = 1, on?: FaultRoute): void {
    this.add({ kind: 'delay', ms, count, on });
  }

  /**
   * The next `count` calls wait, in their concurrency slot, until `release()` (or `reset()`/`close()`): a test can
   * keep calls in flight as long as it needs, whatever the machine's speed. `held()` says how many wait now.
   */
  holdNext(count: number | 'always' = 1, on?: FaultRoute): void {
    this.add({ kind: 'hold', count, on });
  }

  /** How many calls are held now. */
  held(): number {
    return this.holding.length;
  }

  /** Lets every call held now go on (they are then handled as usual); returns how many there were. */
  release(): number {
    const released = this.holding;
    this.holding = [];
    for (const go of released) go();
    return released.length;
  }

  /** For the server: a call taking a hold waits on this promise until released. */
  hold(): Promise<void> {
    return new Promise((resolve) => this.holding.push(resolve));
  }

  /** The next `count` calls answer 200 with a body that is not JSON. */
  nonJsonNext(count: number | 'always' = 1, body?: string, on?: FaultRoute): void {
    this.add({ kind: 'nonJson', count, body, on });
  }

  /** The next `count` calls get their connection destroyed without an answer. */
  dropNext(count: number | 'always' = 1, on?: FaultRoute): void {
    this.add({ kind: 'drop', count, on });
  }

  /**
   * The next `count` uploads (or subscribe calls, with `on`) answer 200 with every record unprocessed with `code`
   * (default 555); nothing is stored.
   */
  recordErrorNext(
    count: number | 'always' = 1,
    code: RecordErrorCode = defaultRecordErrorCode,
    on: 'upload' | 'subscribe' | 'any' = 'upload',
  ): void {
    this.add({ kind: 'recordError', count, code, on });
  }

  /** The faults still pending, with how many calls each has left. */
  list(): ActiveFault[] {
    return this.active.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.active = [];
  }

  /** Consumes the faults that apply to this call: at most one wait (delay or hold) and one answer. */
  take(callRoute: ApiRoute): TakenFaults {
    const wait = this.consume(isWait, callRoute);
    const answer = this.consume(
      (fault) => !isWait(fault) && (fault.kind !== 'recordError' || RECORD_ROUTES.includes(callRoute)),
      callRoute,
    );
    return {
      wait: wait && isWait(wait) ? wait : undefined,
      answer: answer && !isWait(answer) ? answer : undefined,
    };
  }

  private consume(matches: (fault: ActiveFault) => boolean, callRoute: ApiRoute): ActiveFault | undefined {
    const fault = this.active.find((candidate) => matches(candidate) && appliesTo(candidate, callRoute));
    if (!fault) return undefined;
    if (fault.remaining !== 'always') {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.active = this.active.filter((candidate) => candidate !== fault);
    }
    return fault;
  }
}

function appliesTo(fault: ActiveFault, callRoute: ApiRoute): boolean {
  const on = fault.on ?? 'any';
  return on === 'any' || on === callRoute || (on === 'act' && isActRoute(callRoute));
}
