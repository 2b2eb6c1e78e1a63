/** The CleverTap app for Zapier: the connection, the HTTP middleware and the actions, wired together. */
import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from './package.json';
import authentication from './src/authentication';
import { addCleverTapHeaders, handleCleverTapErrors } from './src/zapier/middleware';
import upsertProfile from './src/creates/upsert_profile';
import uploadEvent from './src/creates/upload_event';
import recordPurchase from './src/creates/record_purchase';
import updateProfileProperty from './src/creates/update_profile_property';
import uploadEventsBulk from './src/creates/upload_events_bulk';
import upsertProfilesBulk from './src/creates/upsert_profiles_bulk';
import triggerCampaign from './src/creates/trigger_campaign';
import updateSubscriptionStatus from './src/creates/update_subscription_status';
import deleteProfile from './src/creates/delete_profile';
import findProfile from './src/searches/find_profile';
import { accountEvents, accountProfileProperties } from './src/triggers/account_names';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  flags: {
    // CleverTap's 429 is read by our middleware, which says why and when Zapier will retry.
    throwForThrottlingEarly: false,
    // Empty values and empty line items reach the app, so line items keep the numbers the user sees ("item 7");
    // the parsers treat missing, null and '' alike (Zapier drops nulls even so: zapier-platform issue 1329).
    cleanInputData: false,
  },
  authentication,
  beforeRequest: [addCleverTapHeaders],
  afterResponse: [handleCleverTapErrors],
  // Hidden: they fill the Event Name and Property Name dropdowns with what the account has.
  triggers: {
    [accountEvents.key]: accountEvents,
    [accountProfileProperties.key]: accountProfileProperties,
  },
  creates: {
    [upsertProfile.definition.key]: upsertProfile.definition,
    [uploadEvent.definition.key]: uploadEvent.definition,
    [recordPurchase.definition.key]: recordPurchase.definition,
    [updateProfileProperty.definition.key]: updateProfileProperty.definition,
    [uploadEventsBulk.definition.key]: uploadEventsBulk.definition,
    [upsertProfilesBulk.definition.key]: upsertProfilesBulk.definition,
    [triggerCampaign.definition.key]: triggerCampaign.definition,
    [updateSubscriptionStatus.definition.key]: updateSubscriptionStatus.definition,
    [deleteProfile.definition.key]: deleteProfile.definition,
  },
  searches: {
    [findProfile.definition.key]: findProfile.definition,
  },
  // "Find or Create User Profile": Find User Profile, with Create/Update User Profile when nobody is found.
  searchOrCreates: {
    [findProfile.definition.key]: {
      key: findProfile.definition.key,
      display: {
        label: 'Find or Create User Profile',
        description:
          'Finds a user profile in CleverTap by Identity, Email or Object ID, or creates one if none is found.',
      },
      search: findProfile.definition.key,
      create: upsertProfile.definition.key,
    },
  },
});
