/**
 * Hidden triggers that fill dropdowns with what the CleverTap account has: its events (Event Name) and its profile
 * properties (Update Profile Property's Property Name). A user can still type a new name or map one.
 *
 * Why hidden triggers named by `dynamic` rather than `choices: { perform }` (schema 18.3+), which core 19.1 also runs:
 * - Upload Events in Bulk has Event Name inside line items (`children`). The schema allows either form there, but
 *   `zapier-platform invoke` 19.1 looks for a `choices.perform` only among an action's top-level input fields (so a
 *   child's dropdown cannot be tried locally), while it finds a `dynamic` trigger by its key wherever the field is.
 *   Zapier documents neither form inside line items; `dynamic` is the form its editor has supported longest.
 * - The preview page (preview/) reads `dynamic` as a dropdown it cannot fill and shows a text box; it would read a
 *   `choices` object as static choices (a single "perform" choice).
 * - `zapier-platform validate` and check D004 (lists as dynamic dropdowns) accept both.
 */
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import type { SchemaKind } from '../clevertap/schema';
import { ACCOUNT_EVENTS_TRIGGER, ACCOUNT_PROFILE_PROPERTIES_TRIGGER } from '../fields/dropdowns';
import { accountNames, SchemaUnreadable } from '../zapier/schema';
import { schemaDropdownMessage } from '../zapier/words';

/** Zapier's dropdowns: one entry per name, the name both as the value sent and as the label shown. */
export interface NameChoice {
  id: string;
  name: string;
}

/** The most entries a dropdown offers; an account has at most 512 event types, so this cuts only odd answers. */
export const MAX_CHOICES = 2000;

function namesPerform(kind: SchemaKind) {
  return async (z: ZObject, bundle: Bundle): Promise<NameChoice[]> => {
    // Every name comes on the first page; a later page (the editor's "load more") has nothing new.
    if (Number(bundle.meta?.page ?? 0) > 0) return [];
    try {
      const names = await accountNames(z, bundle, kind);
      return names.slice(0, MAX_CHOICES).map((name) => ({ id: name, name }));
    } catch (error) {
      if (error instanceof SchemaUnreadable)
        throw new z.errors.Error(schemaDropdownMessage(kind, error.problem), 'schema_unavailable', 502);
      throw error;
    }
  };
}

export const eventsPerform = namesPerform('events');
export const profilePropertiesPerform = namesPerform('userProperties');

export const accountEvents = defineTrigger({
  key: ACCOUNT_EVENTS_TRIGGER,
  noun: 'Event',
  display: { label: 'Events in the Account', description: "Lists the account's event names.", hidden: true },
  operation: { type: 'polling', perform: eventsPerform },
});

export const accountProfileProperties = defineTrigger({
  key: ACCOUNT_PROFILE_PROPERTIES_TRIGGER,
  noun: 'Profile Property',
  display: {
    label: 'Profile Properties in the Account',
    description: "Lists the account's profile property names.",
    hidden: true,
  },
  operation: { type: 'polling', perform: profilePropertiesPerform },
});
