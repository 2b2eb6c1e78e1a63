// GET (or POST) /<region>/getSchema?type=events|userProperties: what the account has. CleverTap's page lists the call
// as GET in its table and shows POST in its curl sample, so both are served. The events list holds CleverTap's system
// events, the events the sandbox was seeded with (`schemaEvents`) and every event name it has stored; the profile
// properties list, the seeded names (`schemaProfileProperties`) and every profile property key stored. Names are
// listed once as CleverTap matches them (case and spaces ignored; the first spelling wins), in the order found.
import { SYSTEM_EVENTS, eventNameKey } from './contract';
import { Answer, json, requestError } from './http';
import { ReceivedCall } from './log';
import { SandboxSettings } from './state';
import { SandboxStore } from './store';

/** The path, after the region prefix: no `/1/` in it, unlike every other CleverTap route. */
export const SCHEMA_PATH = /^\/([^/]+)\/getSchema\/?$/;

export const SCHEMA_METHODS = ['GET', 'POST'];

export const SCHEMA_TYPES = ['events', 'userProperties'] as const;
export type SchemaType = (typeof SCHEMA_TYPES)[number];

/** A getSchema request as logged: its method besides the common facts (the query holds `type`). */
export interface ReceivedSchemaRead extends ReceivedCall {
  method: string;
}

function once(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names)
    if (name.trim() && !seen.has(eventNameKey(name))) seen.set(eventNameKey(name), name);
  return [...seen.values()];
}

/** The names of the account, for one type. */
export function schemaNames(
  type: SchemaType,
  accountId: string,
  settings: SandboxSettings,
  store: SandboxStore,
): string[] {
  if (type === 'events')
    return once([
      ...SYSTEM_EVENTS,
      ...settings.schemaEvents,
      ...store.events(accountId).map((event) => event.evtName),
    ]);
  return once([
    ...settings.schemaProfileProperties,
    ...store.profiles(accountId).flatMap((profile) => Object.keys(profile.profileData)),
  ]);
}

export function handleSchema(
  query: URLSearchParams,
  accountId: string,
  settings: SandboxSettings,
  store: SandboxStore,
): Answer {
  const type = query.get('type') ?? '';
  if (!(SCHEMA_TYPES as readonly string[]).includes(type))
    return requestError(400, `Invalid type: use one of ${SCHEMA_TYPES.join(', ')}`);
  const names = schemaNames(type as SchemaType, accountId, settings, store);
  return json(200, { status: 'success', [type]: names.map((name) => ({ name })) });
}
