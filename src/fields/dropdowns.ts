/**
 * The dropdowns filled with what the CleverTap account has (src/triggers/account_names.ts): the keys of their hidden
 * triggers, and the `dynamic` value a field names one with (trigger key, the value's key, the label's key).
 */
export const ACCOUNT_EVENTS_TRIGGER = 'account_events';
export const ACCOUNT_PROFILE_PROPERTIES_TRIGGER = 'account_profile_properties';

export const EVENT_NAMES_DROPDOWN = `${ACCOUNT_EVENTS_TRIGGER}.id.name`;
export const PROFILE_PROPERTIES_DROPDOWN = `${ACCOUNT_PROFILE_PROPERTIES_TRIGGER}.id.name`;
