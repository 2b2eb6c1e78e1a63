/**
 * Every action's module, by its key in the app definition. Each action declares beside its definition what the rest
 * of the project needs to know about it (src/creates/<key>.ts, src/searches/<key>.ts): `minimalInput`, the least input
 * as a user types it with which it sends one valid request, and `replay`, what sending it again would do. The tests
 * read those declarations here; none guesses them from the key. A new action adds one line below
 * (docs/adding-an-action.md); test/actions.test.ts fails until it does.
 */
import * as deleteProfile from '../src/creates/delete_profile';
import * as recordPurchase from '../src/creates/record_purchase';
import * as triggerCampaign from '../src/creates/trigger_campaign';
import * as updateProfileProperty from '../src/creates/update_profile_property';
import * as updateSubscriptionStatus from '../src/creates/update_subscription_status';
import * as uploadEvent from '../src/creates/upload_event';
import * as uploadEventsBulk from '../src/creates/upload_events_bulk';
import * as upsertProfile from '../src/creates/upsert_profile';
import * as upsertProfilesBulk from '../src/creates/upsert_profiles_bulk';
import * as findProfile from '../src/searches/find_profile';

/**
 * What sending a step's input again would do: nothing new (`safe`), store it twice (`stores_twice`), or send a
 * message twice (`sends_twice`). The app's one type, src/clevertap/replay.ts on branch i19-layers (part G): once that
 * branch is merged, this becomes `export type { Replay } from '../src/clevertap/replay'`.
 */
export type Replay = 'safe' | 'stores_twice' | 'sends_twice';
export const REPLAYS: readonly Replay[] = ['safe', 'stores_twice', 'sends_twice'];

/** What an action module exports beside its definition. */
interface ActionModule {
  default: { key: string };
  minimalInput: Record<string, unknown>;
}

export const ACTION_MODULES = {
  creates: {
    upsert_profile: upsertProfile,
    upload_event: uploadEvent,
    record_purchase: recordPurchase,
    update_profile_property: updateProfileProperty,
    upload_events_bulk: uploadEventsBulk,
    upsert_profiles_bulk: upsertProfilesBulk,
    trigger_campaign: triggerCampaign,
    update_subscription_status: updateSubscriptionStatus,
    delete_profile: deleteProfile,
  },
  searches: { find_profile: findProfile },
} satisfies Record<'creates' | 'searches', Record<string, ActionModule>>;

export type ActionGroup = keyof typeof ACTION_MODULES;

/**
 * Until part G's `export const replay` is merged into every action module, the classes it declares (its branch,
 * i19-layers) stand here; a module's own export wins. Delete this table after that merge, and make `replay` part of
 * ActionModule above.
 */
const REPLAY_UNTIL_DECLARED: Record<string, Replay> = {
  upsert_profile: 'safe',
  upload_event: 'stores_twice',
  record_purchase: 'stores_twice',
  update_profile_property: 'stores_twice',
  upload_events_bulk: 'stores_twice',
  upsert_profiles_bulk: 'safe',
  trigger_campaign: 'sends_twice',
  update_subscription_status: 'safe',
  delete_profile: 'safe',
  find_profile: 'safe',
};

/** The module of the action `group.key`; throws for a key it does not list, naming where to add it. */
export function moduleOf(group: ActionGroup, key: string): ActionModule & { replay?: unknown } {
  const modules: Record<string, ActionModule> = ACTION_MODULES[group];
  const found = Object.hasOwn(modules, key) ? modules[key] : undefined;
  if (!found) throw new Error(`${group}.${key} is not listed in test/actions.ts: add its module there`);
  return found;
}

/**
 * The replay class of the minimal input, from what a module declares: a class, or (an action whose replay depends on
 * its input) a function of the value that decides it, Update Profile Property's Operation (src/clevertap/operations.ts).
 */
export function replayOfMinimal(
  declared: unknown,
  minimalInput: Record<string, unknown>,
): Replay | undefined {
  const replay: unknown =
    typeof declared === 'function'
      ? (declared as (operation: unknown) => unknown)(minimalInput.operation)
      : declared;
  return REPLAYS.find((known) => known === replay);
}

/** What the action `group.key` declares beside its definition. */
export function declarationsOf(
  group: ActionGroup,
  key: string,
): { minimalInput: Record<string, unknown>; replay: Replay } {
  const module = moduleOf(group, key);
  const replay = replayOfMinimal(
    'replay' in module ? module.replay : REPLAY_UNTIL_DECLARED[key],
    module.minimalInput,
  );
  if (!replay)
    throw new Error(`src/${group}/${key}.ts declares no replay class (one of ${REPLAYS.join(', ')})`);
  return { minimalInput: module.minimalInput, replay };
}
