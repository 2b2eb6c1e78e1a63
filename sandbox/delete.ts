// POST /<region>/1/delete/profiles.json: exactly one of `identity` (your ids) or `guid` (CleverTap's ids, i.e.
// objectIds), each a string or a list of at most 100 strings. The profiles found are removed with their events;
// values that find nothing are fine. CleverTap deletes in the background; the sandbox does it at once.
import { JsonRequest } from './batch';
import { DELETE_KEYS, LIMITS } from './contract';
import { Answer, json, parseJsonBody, requestError } from './http';
import { SandboxStore } from './store';
import { isPlainObject } from './validate';

/** The values to delete, or the 400 text that refuses the body. */
function valuesOf(body: unknown): { by: 'identity' | 'objectId'; values: string[] } | string {
  if (!isPlainObject(body)) return 'The body must be an object with "identity" or "guid"';
  const [key, ...others] = DELETE_KEYS.filter((name) => body[name] !== undefined);
  if (key === undefined) return 'One of "identity" or "guid" is required';
  if (others.length > 0) return 'Send "identity" or "guid", not both';
  const values: unknown[] = [body[key]].flat();
  if (values.length === 0) return `"${key}" is an empty list`;
  if (values.length > LIMITS.deleteValues)
    return `"${key}" has ${values.length} values; at most ${LIMITS.deleteValues} are allowed per call`;
  if (!values.every((value) => typeof value === 'string' && value.trim() !== ''))
    return `"${key}" must be a non-empty string or a list of non-empty strings`;
  return { by: key === 'guid' ? 'objectId' : 'identity', values: values as string[] };
}

export function handleDelete(request: JsonRequest, store: SandboxStore): Answer {
  const parsed = parseJsonBody(request.contentType, request.text);
  if (!parsed.ok) return parsed.answer;
  const found = valuesOf(parsed.value);
  if (typeof found === 'string') return requestError(400, found);
  store.deleteProfiles(request.accountId, found.by, found.values);
  return json(200, { status: 'success' });
}
