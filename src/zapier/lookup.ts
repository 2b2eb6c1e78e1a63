/**
 * GET /1/profile.json: the profile of one user, or undefined when CleverTap has no such user, for Find User Profile
 * (and Find or Create). Lookups read nothing into CleverTap, so they are safe to replay.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { readRequestFailure } from '../clevertap/answers';
import { ProfileQuery, readProfileAnswer } from '../clevertap/profiles';
import type { Replay } from '../clevertap/replay';
import { baseUrlFor, regionOf } from './base-url';
import { request } from './transport';
import { LOOKUP_WORDS, requestFailureMessage } from './words';

/**
 * The query value is URL-encoded by the request (`+` in emails and phones becomes %2B); no body, so no Content-Type.
 * A 200 `fail` answer is "not found" only when it says so; one about credentials, or any other, is thrown rather
 * than reported as "no such user".
 */
export async function getProfile(
  z: ZObject,
  bundle: Bundle,
  query: ProfileQuery,
  replay: Replay,
): Promise<Record<string, unknown> | undefined> {
  const response = await request(
    z,
    {
      url: `${baseUrlFor(z, bundle)}/1/profile.json`,
      method: 'GET',
      params: { ...query },
      // Only a 404 comes back unthrown (the middleware throws the rest): it is "no such user" when its body says so.
      skipThrowForStatus: true,
    },
    replay,
    bundle,
  );
  const answer = readProfileAnswer(response.data);
  if (response.status === 404 && answer?.kind !== 'not_found')
    throw new z.errors.Error(
      requestFailureMessage(readRequestFailure(404, response.data), regionOf(bundle) ?? 'eu1'),
      'rejected',
      404,
    );
  const said = (error: string) => (error ? `: ${error}` : '');
  switch (answer?.kind) {
    case 'found':
      return answer.record;
    case 'not_found':
      return undefined;
    case 'credentials':
      throw new z.errors.Error(LOOKUP_WORDS.credentials(said(answer.error)), 'auth_failed', 401);
    case 'failed':
      throw new z.errors.Error(LOOKUP_WORDS.failed(said(answer.error)), 'lookup_failed', 502);
    default:
      throw new z.errors.Error(LOOKUP_WORDS.unknown(response.status), 'unexpected_answer', 502);
  }
}
