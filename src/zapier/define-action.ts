/**
 * The one way to declare an action: what Zapier needs (key, noun, label, description, fields, perform, sample, output
 * fields) and, in the same declaration, what the rest of the project reads about it (its replay class and a minimal
 * valid input). `index.ts` wires `definition`; the tests and the reliability harness read the rest
 * (docs/adding-an-action.md).
 */
import {
  type CreatePerform,
  defineCreate,
  defineSearch,
  type InferInputData,
  type InputFields,
  type SearchPerform,
} from 'zapier-platform-core';
import type { Replay } from '../clevertap/replay';

/** An output as the action gives it (`sample`), for the Zap editor to show before a test. */
type Sample = Record<string, unknown>;

/** An output field, as Zapier's schema declares one. */
type OutputField = { key: string; label: string; type: 'string' | 'integer' | 'number' | 'datetime' };

/** What every action declares: its definition's parts, and beside them its replay class and a minimal input. */
interface ActionSpec<K extends string, F extends InputFields, P, S extends Sample> {
  key: K;
  /** Completes Zapier's sentence "creates a new ..." (or "finds a specific ..."). */
  noun: string;
  label: string;
  description: string;
  inputFields: F;
  perform: P;
  sample: S;
  outputFields: readonly OutputField[];
  /**
   * What sending the same input again would do (src/clevertap/replay.ts), or, for an action where that depends on
   * what it is asked to do, a function of the value that decides it (Update Profile Property's Operation).
   */
  replay: Replay | ((decidingValue: never) => Replay);
  /**
   * The least input, as a user types it, with which the action sends one valid request: the reliability harness runs
   * every failure scenario with it (test/actions.ts). Partial: Zapier's type also lists the required line-item fields
   * at the top level, where they are only when no line items are mapped.
   */
  minimalInput: Partial<InferInputData<F>>;
}

/** Zapier's definition of an action, as `defineCreate` and `defineSearch` take it, and the declarations beside it. */
function partsOf<K extends string, F extends InputFields, P, S extends Sample>(spec: ActionSpec<K, F, P, S>) {
  const { key, noun, label, description, inputFields, perform, sample, outputFields, replay, minimalInput } =
    spec;
  return {
    definition: {
      key,
      noun,
      display: { label, description },
      operation: { inputFields, perform, sample, outputFields: [...outputFields] },
    },
    declared: { perform, sample, replay, minimalInput },
  };
}

/** A create ("Upload Event", ...): Zapier's definition, and the declarations beside it. */
export function defineAction<const K extends string, const F extends InputFields, const S extends Sample>(
  spec: ActionSpec<K, F, CreatePerform<InferInputData<F>>, S>,
) {
  const { definition, declared } = partsOf(spec);
  return { definition: defineCreate<K, F>(definition), ...declared };
}

/** A search ("Find User Profile"): Zapier's definition, and the declarations beside it. */
export function defineSearchAction<
  const K extends string,
  const F extends InputFields,
  const S extends Sample,
>(spec: ActionSpec<K, F, SearchPerform<InferInputData<F>>, S>) {
  const { definition, declared } = partsOf(spec);
  return { definition: defineSearch<K, F>(definition), ...declared };
}
