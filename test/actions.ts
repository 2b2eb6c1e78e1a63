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

/** What sending a step's input again would do: the app's one type (src/clevertap/replay.ts). */
import type { Replay } from '../src/clevertap/replay';
export type { Replay };
export const REPLAYS: readonly Replay[] = ['safe', 'stores_twice', 'sends_twice'];

/**
 * What an action module exports beside its definition: a minimal valid input, and its replay class (a Replay, or,
 * for an action whose replay depends on its input, a function of the value that decides it).
 */
interface ActionModule {
  default: { definition: { key: string }; minimalInput: Record<string, unknown>; replay: unknown };
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

/** The module of the action `group.key`; throws for a key it does not list, naming where to add it. */
export function moduleOf(group: ActionGroup, key: string): ActionModule {
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
  const { minimalInput } = module.default;
  const replay = replayOfMinimal(module.default.replay, minimalInput);
  if (!replay)
    throw new Error(`src/${group}/${key}.ts declares no replay class (one of ${REPLAYS.join(', ')})`);
  return { minimalInput, replay };
}
