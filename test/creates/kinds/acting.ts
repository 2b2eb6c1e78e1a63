/**
 * What every acting action (Trigger Campaign, Update Subscription Status, Delete User Profile) shares, run once per
 * action from its spec: the request it sends for a typical input (path, headers, body) and its output when CleverTap
 * says success; CleverTap's request refusal in its own words; bad input refused before anything is sent; its
 * definition. Each answer CleverTap may give (refusals, unknown answers, lost connections and what a replay would do)
 * is run against every action by the failure matrix (test/reliability/failures.test.ts); how each call reads its
 * answers, by test/zapier/acts.test.ts.
 */
import nock from 'nock';
import { EU_HOST, failureOf, messageOf } from '../../helpers';
import {
  CONNECTION_HEADERS,
  Input,
  itRefusesBeforeSending,
  keysOf,
  Perform,
  recordPosts,
  Refusal,
  runner,
} from './common';

/** The parts of a create's definition the suite reads. */
export interface CreateDefinition {
  key: string;
  noun: string;
  display: { label?: string; description?: string };
  operation: { inputFields?: unknown; outputFields?: unknown; sample?: object };
}

export interface ActingSpec {
  definition: CreateDefinition;
  perform: Perform;
  /** The CleverTap API path the action posts to, as documented. */
  path: string;
  /** A typical input (a HubSpot record mapped into the fields), the exact body it sends, the step's output. */
  input: Input;
  body: unknown;
  output: unknown;
  invalid: Refusal[];
  about: { key: string; noun: string; label: string; description: RegExp[]; inputFields: string[] };
}

export function describeActingAction(spec: ActingSpec): void {
  const run = runner(spec.perform);

  describe(`${spec.about.label}: what every acting action does`, () => {
    it(`posts the body to ${spec.path} as one JSON text with the connection's headers, and outputs what was done`, async () => {
      const sent = recordPosts(spec.path, [200, { status: 'success' }]);
      const result = await run(spec.input);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.headers).toMatchObject(CONNECTION_HEADERS);
      expect(JSON.parse(sent[0]?.body ?? '')).toStrictEqual(spec.body);
      expect(result).toEqual(spec.output);
    });

    it("HTTP 400 with CleverTap's own code (not the status): an AppError in CleverTap's words", async () => {
      const scope = nock(EU_HOST)
        .post(spec.path)
        .reply(400, { status: 'fail', error: 'Invalid request payload', code: 9 });
      const error = await failureOf(run(spec.input));
      expect(scope.isDone()).toBe(true);
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toBe('CleverTap rejected the request as invalid: Invalid request payload');
    });

    itRefusesBeforeSending(spec.perform, spec.path, spec.invalid);

    describe('the definition', () => {
      const { definition, about } = spec;

      it('key, noun, label and description', () => {
        expect(definition.key).toBe(about.key);
        expect(definition.noun).toBe(about.noun);
        expect(definition.display.label).toBe(about.label);
        for (const part of about.description) expect(definition.display.description).toMatch(part);
      });

      it('the input fields, in order', () => {
        expect(keysOf(definition.operation.inputFields)).toEqual(about.inputFields);
      });

      it("the sample's keys are output fields", () => {
        const declared = keysOf(definition.operation.outputFields);
        const scalars = Object.entries(definition.operation.sample ?? {}).filter(
          ([, value]) => typeof value !== 'object',
        );
        expect(scalars.length).toBeGreaterThan(0);
        expect(scalars.map(([key]) => key).filter((key) => !declared.includes(key))).toEqual([]);
      });
    });
  });
}
