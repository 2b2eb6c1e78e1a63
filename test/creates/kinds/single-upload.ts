/**
 * What every single-upload action (Create/Update User Profile, Upload Event, Record Purchase, Update Profile Property)
 * shares, run once per action from its spec: the one record it uploads for a typical input, with the connection's
 * headers, and its output (the record as sent, with CleverTap's verdict); bad input refused before anything is sent.
 * What each of CleverTap's answers does to every action is the failure matrix's (test/reliability/failures.test.ts);
 * how one record's verdict is read, test/zapier/send.test.ts's.
 */
import {
  CONNECTION_HEADERS,
  Input,
  itRefusesBeforeSending,
  Perform,
  recordPosts,
  Refusal,
  runner,
} from './common';

export interface SingleUploadSpec {
  /** The action's label, as the Zap editor shows it. */
  label: string;
  perform: Perform;
  /** A typical input (a HubSpot record mapped into the fields), the one record it uploads, the step's output. */
  input: Input;
  record: Record<string, unknown>;
  output: unknown;
  invalid: Refusal[];
}

export function describeSingleUpload(spec: SingleUploadSpec): void {
  const run = runner(spec.perform);

  describe(`${spec.label}: what every single upload does`, () => {
    it("uploads one record with the connection's headers, and outputs it as sent with CleverTap's verdict", async () => {
      const sent = recordPosts('/1/upload', [200, { status: 'success', processed: 1, unprocessed: [] }]);
      const result = await run(spec.input);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.headers).toMatchObject(CONNECTION_HEADERS);
      expect(JSON.parse(sent[0]?.body ?? '')).toStrictEqual({ d: [spec.record] });
      expect(result).toEqual(spec.output);
    });

    itRefusesBeforeSending(spec.perform, '/1/upload', spec.invalid);
  });
}
