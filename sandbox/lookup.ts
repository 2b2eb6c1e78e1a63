// GET /<region>/1/profile.json?identity=|email=|objectId= : one profile from the store.
import { Answer, json, requestError } from './http';
import { ProfileQuery, SandboxStore, StoredProfile } from './store';
import { SandboxSettings } from './state';

const QUERY_KEYS = ['identity', 'email', 'objectId'] as const;

/** The profile as profile.json shows it: its fields, its user keys, and platformInfo with the objectId. */
export function profileRecord(profile: StoredProfile): Record<string, unknown> {
  const userKeys = Object.fromEntries(
    (['identity', 'FBID', 'GPID'] as const)
      .filter((key) => profile[key] !== undefined)
      .map((key) => [key, profile[key]]),
  );
  return { ...profile.profileData, ...userKeys, platformInfo: [{ objectId: profile.objectId }] };
}

const USER_NOT_FOUND = { status: 'fail', error: 'User not found', code: 404 };
const NOT_FOUND: Record<SandboxSettings['profileNotFound'], () => Answer> = {
  fail: () => json(200, USER_NOT_FOUND),
  fail404: () => json(404, USER_NOT_FOUND),
  empty: () => json(200, { status: 'success' }),
  null: () => json(200, { status: 'success', record: null }),
};

export function handleLookup(
  params: URLSearchParams,
  accountId: string,
  settings: SandboxSettings,
  store: SandboxStore,
): Answer {
  const given = QUERY_KEYS.filter((key) => (params.get(key) ?? '') !== '');
  const [key] = given;
  if (key === undefined || given.length !== 1)
    return requestError(400, `Exactly one of ${QUERY_KEYS.join(', ')} is required; got ${given.length}`);
  const query: ProfileQuery = { [key]: params.get(key) as string };
  const profile = store.find(query, accountId);
  return profile
    ? json(200, { status: 'success', record: profileRecord(profile) })
    : NOT_FOUND[settings.profileNotFound]();
}
