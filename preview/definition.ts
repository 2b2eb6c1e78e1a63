/**
 * The app definition as the Zap editor reads it, described for the page: the connection's fields, and every create
 * and search with its label, description, noun and input fields (in the definition's order, help as HTML). Generic:
 * only the definition's shape (Zapier's schema) is read, so new actions and fields appear without code changes.
 */
import { helpToHtml } from './markdown';

type Perform = (...args: never[]) => unknown;

/** An input field as Zapier's schema declares it (the parts the editor shows). */
export interface DefinedField {
  key: string;
  label?: string;
  helpText?: string;
  type?: string;
  required?: boolean;
  default?: string;
  placeholder?: string;
  choices?: unknown;
  dict?: boolean;
  list?: boolean;
  children?: readonly DefinedField[];
  altersDynamicFields?: boolean;
  dynamic?: string;
  computed?: boolean;
}

export interface DefinedOperation {
  inputFields?: readonly unknown[];
  outputFields?: readonly unknown[];
  perform: Perform | object;
  cleanInputData?: boolean;
  sample?: unknown;
}

export interface DefinedAction {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean; helpText?: string };
  operation: DefinedOperation;
}

/** The parts of the app definition (the public entry's default export) that the preview reads. */
export interface PreviewApp {
  version: string;
  platformVersion: string;
  flags?: { cleanInputData?: boolean };
  authentication: {
    type: string;
    fields?: readonly DefinedField[];
    test: Perform | object;
    connectionLabel?: string | Perform | object;
  };
  /** Triggers: the app's hidden ones fill dynamic dropdowns (`dynamic: "trigger.id.label"`). */
  triggers?: Record<string, DefinedAction>;
  creates?: Record<string, DefinedAction>;
  searches?: Record<string, DefinedAction>;
}

export type ActionKind = 'create' | 'search';

export const ACTION_GROUPS: Record<ActionKind, 'creates' | 'searches'> = {
  create: 'creates',
  search: 'searches',
};

/** How the page draws a field. */
export type Control =
  'text' | 'textarea' | 'code' | 'password' | 'select' | 'copy' | 'dict' | 'list' | 'lineItems';

export interface Choice {
  value: string;
  label: string;
}

export interface PageField {
  key: string;
  label: string;
  type: string;
  control: Control;
  required: boolean;
  helpHtml: string;
  default?: string;
  placeholder?: string;
  /** For `select`, and for `list` entries that have choices. */
  choices?: Choice[];
  /** Line items' fields. */
  children?: PageField[];
  altersDynamicFields: boolean;
  /**
   * Set for a dynamic dropdown (`trigger.id.label`): the page asks for its choices (the trigger run through core, as
   * the editor fills it) and keeps a custom value possible.
   */
  dynamic?: string;
  /** Set for fields that came from a function in inputFields (evaluated through zapier-platform-core). */
  computed?: boolean;
}

export interface PageAction {
  kind: ActionKind;
  key: string;
  label: string;
  description: string;
  noun: string;
  hidden: boolean;
  fields: PageField[];
  /** How many entries of inputFields are functions (computed when the step is set up, not declared). */
  computedSources: number;
  outputFields: Array<{ key: string; label: string }>;
}

const BOOLEAN_CHOICES: Choice[] = [
  { value: 'true', label: 'True' },
  { value: 'false', label: 'False' },
];

/**
 * Zapier's three ways to write static choices: a list of `{value, label}` (or `{value, sample, label}`), a list of
 * texts, or an object of value -> label. Anything else gives none.
 */
export function normaliseChoices(choices: unknown): Choice[] | undefined {
  if (Array.isArray(choices)) {
    const list = choices.flatMap((choice): Choice[] => {
      if (typeof choice === 'string' || typeof choice === 'number')
        return [{ value: String(choice), label: String(choice) }];
      if (typeof choice === 'object' && choice !== null && 'value' in choice) {
        const { value, label } = choice as { value: unknown; label?: unknown };
        return [{ value: String(value), label: label === undefined ? String(value) : String(label) }];
      }
      return [];
    });
    return list.length ? list : undefined;
  }
  if (typeof choices === 'object' && choices !== null) {
    const list = Object.entries(choices).map(([value, label]) => ({ value, label: String(label) }));
    return list.length ? list : undefined;
  }
  return undefined;
}

function controlOf(field: DefinedField, choices: Choice[] | undefined): Control {
  if (field.children?.length) return 'lineItems';
  if (field.dict) return 'dict';
  if (field.list) return 'list';
  switch (field.type) {
    case 'copy':
      return 'copy';
    case 'password':
      return 'password';
    case 'text':
      return 'textarea';
    case 'code':
    case 'json':
      return 'code';
    case 'boolean':
      return 'select';
    default:
      return choices ? 'select' : 'text';
  }
}

/** One declared field as the page draws it. */
export function describeField(field: DefinedField): PageField {
  const type = field.type ?? 'string';
  const choices = type === 'boolean' ? BOOLEAN_CHOICES : normaliseChoices(field.choices);
  const described: PageField = {
    key: field.key,
    label: field.label ?? field.key,
    type,
    control: controlOf(field, choices),
    // Zapier's schema: a field is optional unless it says `required: true`.
    required: field.required === true,
    helpHtml: helpToHtml(field.helpText),
    altersDynamicFields: field.altersDynamicFields === true,
  };
  if (field.default !== undefined) described.default = String(field.default);
  if (field.placeholder !== undefined) described.placeholder = field.placeholder;
  if (choices) described.choices = choices;
  if (field.children?.length) described.children = field.children.map(describeField);
  if (field.dynamic) described.dynamic = field.dynamic;
  if (field.computed) described.computed = true;
  return described;
}

const isDeclared = (entry: unknown): entry is DefinedField =>
  typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string';

/** The declared fields (functions skipped; they are counted in `computedSources` and evaluated on request). */
export function describeFields(inputFields: readonly unknown[] | undefined): PageField[] {
  return (inputFields ?? []).filter(isDeclared).map(describeField);
}

export function outputFieldLabels(
  outputFields: readonly unknown[] | undefined,
): Array<{ key: string; label: string }> {
  return (outputFields ?? []).filter(isDeclared).map((f) => ({ key: f.key, label: f.label ?? f.key }));
}

export function describeAction(kind: ActionKind, action: DefinedAction): PageAction {
  const { inputFields, outputFields } = action.operation;
  return {
    kind,
    key: action.key,
    label: action.display.label,
    description: action.display.description,
    noun: action.noun,
    hidden: action.display.hidden === true,
    fields: describeFields(inputFields),
    computedSources: (inputFields ?? []).filter((f) => typeof f === 'function').length,
    outputFields: outputFieldLabels(outputFields),
  };
}

/** Every create, then every search, in the definition's order. */
export function describeActions(app: PreviewApp): PageAction[] {
  return (Object.keys(ACTION_GROUPS) as ActionKind[]).flatMap((kind) =>
    Object.values(app[ACTION_GROUPS[kind]] ?? {}).map((action) => describeAction(kind, action)),
  );
}

/** A dynamic dropdown's parts: `trigger.id.label` (the label's key may be left out: the id is shown). */
export interface DynamicSource {
  trigger: string;
  id: string;
  label: string;
}

export function parseDynamic(dynamic: string): DynamicSource | undefined {
  const [trigger, id, label] = dynamic.split('.');
  if (!trigger || !id) return undefined;
  return { trigger, id, label: label || id };
}

/** The trigger a dynamic dropdown names (undefined when the app has none by that key). */
export function findTrigger(app: PreviewApp, key: string): DefinedAction | undefined {
  const triggers = app.triggers ?? {};
  return Object.prototype.hasOwnProperty.call(triggers, key) ? triggers[key] : undefined;
}

/** An action of the definition by kind and key (undefined for anything else, e.g. `__proto__`). */
export function findAction(app: PreviewApp, kind: string, key: string): DefinedAction | undefined {
  if (kind !== 'create' && kind !== 'search') return undefined;
  const group = app[ACTION_GROUPS[kind]] ?? {};
  return Object.prototype.hasOwnProperty.call(group, key) ? group[key] : undefined;
}
