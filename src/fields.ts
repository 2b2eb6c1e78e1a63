/**
 * Input fields that several actions share: who the record is about, and when it happened. Labels and help texts are
 * the user's words; keys are CleverTap's names, so the perform reads like the API contract.
 */
import { defineInputField } from 'zapier-platform-core';
import { USER_KEY_LABELS } from './input/users';

export const identityField = defineInputField({
  key: 'identity',
  label: USER_KEY_LABELS.identity,
  type: 'string',
  required: false,
  helpText:
    "Your own unique id for the user, the same one your apps send to CleverTap: for a HubSpot contact, map the contact's " +
    'email or its Record ID. Fill in this or **Object ID**, not both.',
});

export const objectIdField = defineInputField({
  key: 'objectId',
  label: USER_KEY_LABELS.objectId,
  type: 'string',
  required: false,
  helpText:
    "CleverTap's own id of the user (like `-2ce3cca260664f70b82b1c6bb505f462`), for users who have no Identity. " +
    'Fill in this or **Identity**, not both.',
});

export const creationDateField = defineInputField({
  key: 'ts',
  label: 'Creation Date',
  type: 'datetime',
  required: false,
  helpText:
    'When this happened. Accepts a date and time (2024-05-01T14:30:00Z; no offset means UTC), a date ' +
    "(2024-05-01), or a Unix timestamp in seconds or milliseconds (such as HubSpot's Create Date). Leave empty for now.",
});
