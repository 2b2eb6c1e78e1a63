// The part of CleverTap's own Node client (npm `clevertap`, which ships no types) that the sandbox tests use.
declare module 'clevertap' {
  export interface CleverTapClient {
    /** The client's API root, `https://<region>.api.clevertap.com/1`, read on every call: point it elsewhere here. */
    api: { apiEndpoint: string };
    upload(records: unknown[], options?: { batchSize?: number }): Promise<unknown>;
    profile(query: { identity?: string; email?: string; objectId?: string }): Promise<unknown>;
    subscribe(body: { d: unknown[] }): Promise<unknown>;
    delete(body: { identity?: string | string[]; guid?: string | string[] }): Promise<unknown>;
  }
  export function init(accountId: string, passcode: string, region?: string): CleverTapClient;
}
