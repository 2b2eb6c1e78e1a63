/**
 * Running what the Zap editor runs, through zapier-platform-core's app tester: the connection test (and its label),
 * an action's computed input fields, and "Test step": the form's values handed over as Zapier does
 * (scripts/zapier-boundary.ts: type coercion in the Zap's time zone, defaults, cleanInputData), then the perform.
 */
import { inputAsZapierHandsItOver, messageOf, shownByZapier } from '../scripts/zapier-boundary';
import { renderConnectionLabel } from './connection';
import {
  describeFields,
  findAction,
  findTrigger,
  parseDynamic,
  type Choice,
  type DefinedAction,
  type DefinedField,
  type PageAction,
  type PageField,
  type PreviewApp,
} from './definition';
import { formToInputData, missingRequired } from './form';
import { outputRows, type OutputRow } from './output';

/** createAppTester(app) from zapier-platform-core: runs a function, request or field list of the app. */
export type AppTester = (
  method: never,
  bundle: { authData: Record<string, string>; inputData?: object; meta?: object },
) => Promise<unknown>;

export interface ShownError {
  /** The error's class: AppError, ExpiredAuthError, ThrottledError, HaltedError, or a crash's TypeError... */
  name: string;
  /** The whole message. */
  message: string;
  /** What the Zap user sees: the first 250 characters. */
  shown: string;
  /** What Zapier cuts off (empty when the message fits). */
  cut: string;
  /** What Zapier does with this kind of error. */
  meaning: string;
}

const MEANINGS: Record<string, string> = {
  AppError: 'The step fails with this message; Zapier does not retry it.',
  ExpiredAuthError: 'Zapier marks the connection as needing attention; the user has to reconnect.',
  RefreshAuthError: 'Zapier tries to refresh the connection, then runs the step again.',
  ThrottledError: 'Zapier runs the step again later (throttled).',
  HaltedError: 'The step stops softly: the Zap run is halted, not failed, and never replayed.',
  CheckError: "zapier-platform-core refused the step's output (a bug in the app, not the user's input).",
  ResponseError:
    'An HTTP error that no middleware turned into a message (zapier-platform-core threw for the status).',
};

/** An error as the Zap user sees it (the app's message, at most 250 characters) and what Zapier does with it. */
export function shownError(error: unknown): ShownError {
  const name = error instanceof Error ? error.name : typeof error;
  const message = messageOf(error);
  const { shown, cut } = shownByZapier(message);
  let meaning = MEANINGS[name] ?? `The step crashed (${name}); Zapier shows its message as it is.`;
  if (name === 'ThrottledError') {
    try {
      const { delay } = JSON.parse((error as Error).message) as { delay?: number };
      if (typeof delay === 'number') meaning = `Zapier runs the step again in ${delay} seconds (throttled).`;
    } catch {
      // No delay given.
    }
  }
  return { name, message, shown, cut, meaning };
}

export type ConnectionOutcome =
  { outcome: 'connected'; label: string; result: unknown } | { outcome: 'error'; error: ShownError };

export type StepOutcome = {
  /** bundle.inputData as the perform received it (or would have). */
  handedOver: Record<string, unknown>;
} & (
  | { outcome: 'output'; rows: OutputRow[]; output: unknown; results?: number }
  | { outcome: 'noResult' }
  | { outcome: 'missing'; missing: string[] }
  | { outcome: 'error'; error: ShownError }
);

/** A dynamic dropdown's choices as the editor gets them, or why it could not get them. */
export type DropdownOutcome =
  | { outcome: 'choices'; choices: Choice[] }
  | { outcome: 'error'; error: ShownError }
  | { outcome: 'unavailable'; reason: string };

/** The choices of a trigger's results: the value from the id's key, the text from the label's key. */
export function choicesOf(results: unknown, id: string, label: string): Choice[] {
  if (!Array.isArray(results)) return [];
  return results.flatMap((item): Choice[] => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    const value = record[id];
    if (value === undefined || value === null || value === '') return [];
    const text = record[label];
    return [
      { value: String(value), label: text === undefined || text === null ? String(value) : String(text) },
    ];
  });
}

export class Steps {
  constructor(
    private readonly app: PreviewApp,
    private readonly appTester: AppTester,
  ) {}

  /** `authentication.test`, then the connection label from its result. */
  async testConnection(authData: Record<string, string>): Promise<ConnectionOutcome> {
    const { test, connectionLabel } = this.app.authentication;
    try {
      // As Zapier runs it when the user connects (and `zapier-platform invoke auth test` does).
      const result = await this.appTester(test as never, { authData, meta: { isTestingAuth: true } });
      let label = '';
      if (typeof connectionLabel === 'string')
        label = renderConnectionLabel(connectionLabel, authData, result);
      else if (connectionLabel !== undefined)
        label = String(
          await this.appTester(connectionLabel as never, { authData, inputData: result as object }),
        );
      return { outcome: 'connected', label, result };
    } catch (error) {
      return { outcome: 'error', error: shownError(error) };
    }
  }

  /**
   * The action's input fields as the editor gets them: the declared ones, or, when inputFields holds functions, all
   * of them evaluated through core with the connection and the values so far (the editor does this again whenever a
   * field with `altersDynamicFields` changes, and Zapier again when the step runs).
   */
  async resolveFields(
    action: DefinedAction,
    authData: Record<string, string>,
    inputData: Record<string, unknown>,
  ): Promise<readonly unknown[]> {
    const { inputFields = [] } = action.operation;
    if (!inputFields.some((f) => typeof f === 'function')) return inputFields;
    return (await this.appTester(inputFields as never, { authData, inputData })) as unknown[];
  }

  /** The fields for the page; those that no declared entry has (they came from a function) are marked computed. */
  async fields(
    action: DefinedAction,
    authData: Record<string, string>,
    form: Record<string, unknown>,
  ): Promise<PageField[]> {
    const declared = describeFields(action.operation.inputFields);
    const resolved = await this.resolveFields(action, authData, formToInputData(declared, form));
    if (resolved === action.operation.inputFields) return declared;
    const declaredKeys = new Set(declared.map((f) => f.key));
    return describeFields(
      resolved.map((f) =>
        declaredKeys.has((f as DefinedField).key) ? f : { ...(f as DefinedField), computed: true },
      ),
    );
  }

  /**
   * "Test step": the form handed over as Zapier does (scripts/zapier-boundary.ts, with the operation's fields as
   * resolved for this input), required fields checked, then the perform through core.
   */
  async testStep(
    action: DefinedAction,
    page: Pick<PageAction, 'kind' | 'outputFields'>,
    authData: Record<string, string>,
    form: Record<string, unknown>,
    timezone: string,
  ): Promise<StepOutcome> {
    let inputData = formToInputData(describeFields(action.operation.inputFields), form);
    let handedOver: Record<string, unknown> = inputData;
    let fields: PageField[];
    try {
      const inputFields = await this.resolveFields(action, authData, inputData);
      fields = describeFields(inputFields);
      inputData = formToInputData(fields, form);
      handedOver = inputAsZapierHandsItOver(
        { ...action.operation, inputFields },
        this.app.flags,
        inputData,
        timezone,
      );
    } catch (error) {
      return { outcome: 'error', handedOver, error: shownError(error) };
    }
    const missing = missingRequired(fields, handedOver);
    if (missing.length) return { outcome: 'missing', handedOver, missing };
    try {
      const output = await this.appTester(action.operation.perform as never, {
        authData,
        inputData: handedOver,
      });
      if (page.kind === 'search') {
        const results = Array.isArray(output) ? output : [];
        if (!results.length) return { outcome: 'noResult', handedOver };
        return {
          outcome: 'output',
          handedOver,
          output: results[0],
          results: results.length,
          rows: outputRows(results, page.outputFields),
        };
      }
      return { outcome: 'output', handedOver, output, rows: outputRows(output, page.outputFields) };
    } catch (error) {
      return { outcome: 'error', handedOver, error: shownError(error) };
    }
  }

  /**
   * A dynamic dropdown's choices, as the editor fills it: the hidden trigger's perform through core (its first page,
   * with `meta.isFillingDynamicDropdown`), with the connection and the values so far. Core's app tester gives the
   * perform a `z.cache` (in memory, kept for the preview's life), so a trigger that caches is run as it would be.
   */
  async dropdown(
    dynamic: string,
    authData: Record<string, string>,
    inputData: Record<string, unknown>,
  ): Promise<DropdownOutcome> {
    const source = parseDynamic(dynamic);
    const trigger = source && findTrigger(this.app, source.trigger);
    if (!source || !trigger)
      return { outcome: 'unavailable', reason: `The app has no trigger for the dropdown "${dynamic}".` };
    try {
      const results = await this.appTester(trigger.operation.perform as never, {
        authData,
        inputData,
        meta: { page: 0, isFillingDynamicDropdown: true },
      });
      return { outcome: 'choices', choices: choicesOf(results, source.id, source.label) };
    } catch (error) {
      return { outcome: 'error', error: shownError(error) };
    }
  }

  action(kind: string, key: string): DefinedAction | undefined {
    return findAction(this.app, kind, key);
  }
}
