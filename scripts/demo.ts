/**
 * `npm run demo`: the app's main job, end to end, on this machine, with no CleverTap account.
 *
 * Builds nothing itself (`npm run demo` runs `npm run build` first), then:
 *   1. starts the local CleverTap-compatible test server (sandbox/) in-process on a free port, with a demo account
 *      whose passcode is made up for this run, and points the app at it with CLEVERTAP_API_BASE_URL;
 *   2. loads the BUILT app through its public entry (the root index.js, as the Zapier CLI does) and runs it with
 *      zapier-platform-core's own tester, so every step goes through the app's middleware and core's checks:
 *        - the connection test,
 *        - a HubSpot "New Contact" sample through "Create/Update User Profile",
 *        - a HubSpot "New Deal" sample through "Upload Event" (If the Event Name Is New left on Send: one upload),
 *        - the Event Name dropdown: the app's hidden trigger lists the events the account has (getSchema; the
 *          sandbox is seeded with a few, beside CleverTap's system events, which the dropdown leaves out),
 *        - Upload Event with "Deal Won" picked from that dropdown and the guard on (Stop): the names are read from
 *          Zapier's cache, so the step sends the upload alone,
 *        - the typo "Deal Wonn" with the guard on: refused naming Event Name and the nearest event, nothing sent,
 *        - the deal won (its stage Closed Won) through "Trigger Campaign": an External Trigger campaign's message for
 *          the deal's contact, with the deal's name and amount as personalization, which must show up in the test
 *          server's inbox,
 *        - "Find User Profile" to read the profile back from the server,
 *        - one bad input, to show the error the Zap user sees and that nothing was sent;
 *   3. prints, for each step, what was sent, what CleverTap (the test server) answered and what that answer means
 *      (scripts/demo-explain.ts: the connection test's expected "User not found", the counts of an upload, a queued
 *      campaign), the dates in CleverTap's forms (`$D_...`, `ts` in epoch seconds) as the dates they stand for, and
 *      what the Zap step would output; exits 0 when every step behaved as expected (and the campaign message is in
 *      the inbox), 1 otherwise.
 *
 * The HubSpot samples are the same files the unit tests use (test/fixtures/hubspot-new-*.json), read at run time so
 * there is one copy. The passcode is never printed: every line goes through `say`, which masks it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../sandbox';
import { explainAnswer, explainDates, type ConnectionContext } from './demo-explain';

/** The paths of the acting routes under /<region>/1/, as the request lines show them. */
const ACT_PATHS = {
  trigger: 'send/externaltrigger.json',
  subscribe: 'subscribe',
  delete: 'delete/profiles.json',
} as const;

// This file runs from the tools build (see package.json's "demo" script: <tools build>/scripts/demo.js): the app's
// root (package.json, index.js, test/fixtures) is two levels up.
const APP_ROOT = resolve(__dirname, '..', '..');
const load = createRequire(__filename);

// Core prints request logs (with headers) when these are set; the demo shows the traffic itself, without secrets.
delete process.env.LOG_TO_STDOUT;
delete process.env.DETAILED_LOG_TO_STDOUT;
// Core decides once, when it is first loaded, whether it runs under test: then it checks every step's output
// strictly (as `zapier-platform invoke` does) and prints no per-run memory lines. Hence it is loaded only now.
process.env.NODE_ENV = 'test';
const zapier = load('zapier-platform-core') as typeof import('zapier-platform-core');

type Perform = (z: ZObject, bundle: Bundle) => unknown;
/** The parts of the app definition the demo runs: only what the public entry exposes. */
interface LoadedApp {
  version: string;
  platformVersion: string;
  authentication: { test: Perform };
  triggers: Record<string, { operation: { perform: Perform } }>;
  creates: Record<string, { operation: { perform: Perform } }>;
  searches: Record<string, { operation: { perform: Perform } }>;
}

/** The perform of one step of the built app; a clear stop when the build lacks it. */
function performOf(app: LoadedApp, kind: 'triggers' | 'creates' | 'searches', key: string): Perform {
  const step = app[kind][key];
  if (!step)
    throw new Error(
      `The built app has no ${kind}.${key}; rebuild it (npm run build) and run the demo again.`,
    );
  return step.operation.perform;
}

const ACCOUNT = {
  id: 'DEMO-ACCOUNT',
  // Made up per run; shown nowhere (say() masks it), as a real passcode must be.
  passcode: `demo-${Math.random().toString(36).slice(2, 12)}`,
  region: 'in1' as const,
};
/** The region as the app names it (its connection label says "India (in1)"). */
const REGION_NAME = 'India (in1)';
const authData = { accountId: ACCOUNT.id, passcode: ACCOUNT.passcode, region: ACCOUNT.region };

/** What the demo account had before the demo (getSchema lists these beside CleverTap's system events). */
const ACCOUNT_EVENTS = ['Deal Won', 'Deal Lost', 'Trial Started'];
const ACCOUNT_PROFILE_PROPERTIES = ['Plan', 'Lifecycle Stage'];

/** The demo account's External Trigger campaign ("Welcome aboard", built in CleverTap's dashboard). */
const CAMPAIGN_ID = '1695721550';

function say(text = ''): void {
  console.log(text.split(ACCOUNT.passcode).join('********'));
}

function json(value: unknown, indent = '      '): string {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

/** A HubSpot trigger sample, as the HubSpot app's New Contact / New Deal triggers output it. */
interface HubSpotRecord {
  id: string;
  properties: Record<string, string>;
  associations?: { contacts?: string[] };
}

function fixture(name: string): HubSpotRecord {
  return JSON.parse(readFileSync(resolve(APP_ROOT, 'test', 'fixtures', name), 'utf8')) as HubSpotRecord;
}

/** The message a Zap user sees for an error thrown by a step (AppError keeps JSON in .message). */
function shownError(error: unknown): { name: string; message: string } {
  const { name, message } = error as Error;
  try {
    const parsed = JSON.parse(message) as { message?: string };
    return { name, message: parsed.message ?? message };
  } catch {
    return { name, message };
  }
}

/** A getSchema answer with its long list shortened to the entries' names, on one line. */
function shortSchemaAnswer(answer: unknown): unknown {
  if (typeof answer !== 'object' || answer === null) return answer;
  const nameOf = (entry: unknown) =>
    typeof entry === 'object' && entry !== null && 'name' in entry
      ? String(entry.name)
      : JSON.stringify(entry);
  return Object.fromEntries(
    Object.entries(answer).map(([key, value]) =>
      Array.isArray(value) && value.length > 6
        ? [key, `${value.length} entries, by name: ${value.map(nameOf).join(', ')}`]
        : [key, value],
    ),
  );
}

const problems: string[] = [];
function check(ok: boolean, what: string): void {
  if (!ok) problems.push(what);
}

class Demo {
  private seenUploads = 0;
  private seenLookups = 0;
  private seenActs = 0;
  private seenSchemaReads = 0;
  private step = 0;
  /** The dates already explained in this step (each is told once). */
  private datesTold = new Set<string>();

  constructor(
    private readonly sandbox: Sandbox,
    private readonly app: LoadedApp,
    private readonly appTester: ReturnType<typeof zapier.createAppTester>,
  ) {}

  heading(title: string): void {
    this.step += 1;
    this.datesTold = new Set();
    say();
    say(`${this.step}. ${title}`);
  }

  /** Runs one perform through core; prints the traffic it caused and its output (or error). */
  async run(
    perform: Perform,
    inputData: Record<string, unknown>,
    context?: ConnectionContext,
  ): Promise<{ output?: unknown; error?: unknown; requests: number }> {
    if (Object.keys(inputData).length) {
      say('   Zap step input (fields as mapped in the Zap editor):');
      say(json(inputData));
    }
    let outcome: { output?: unknown; error?: unknown };
    try {
      outcome = { output: await this.appTester(perform, { authData, inputData }) };
    } catch (error) {
      outcome = { error };
    }
    const requests = this.printTraffic(context);
    if ('error' in outcome) {
      const { name, message } = shownError(outcome.error);
      say(`   The Zap step stops with ${name}; the user sees:`);
      say(`      ${message}`);
    } else {
      say('   Zap step output (what later steps can map):');
      say(json(outcome.output));
      this.explainDates(outcome.output);
    }
    return { ...outcome, requests };
  }

  /** Prints the requests the test server received since the last call, and its answers. */
  /** The dates in a value printed above, as the dates they stand for (each once per step). */
  explainDates(value: unknown): void {
    const lines = explainDates(value, this.datesTold);
    if (lines.length) say('   Dates in it:');
    for (const line of lines) say(`      ${line}`);
  }

  printTraffic(context?: ConnectionContext): number {
    const uploads = this.sandbox.received().slice(this.seenUploads);
    const lookups = this.sandbox.lookups().slice(this.seenLookups);
    const acts = this.sandbox.acts().slice(this.seenActs);
    const schemaReads = this.sandbox.schemaReads().slice(this.seenSchemaReads);
    this.seenSchemaReads += schemaReads.length;
    this.seenUploads += uploads.length;
    this.seenLookups += lookups.length;
    this.seenActs += acts.length;
    const calls = [
      ...uploads.map((u) => ({ ...u, route: 'upload', line: `POST /${u.region}/1/upload`, body: u.body })),
      ...acts.map((a) => ({
        ...a,
        line: `POST /${a.region}/1/${ACT_PATHS[a.route]}`,
        body: a.body,
      })),
      ...schemaReads.map((r) => ({
        ...r,
        route: 'schema',
        line: `${r.method} /${r.region}/getSchema?${new URLSearchParams(r.query).toString()}`,
        body: undefined,
      })),
      ...lookups.map((l) => ({
        ...l,
        route: 'lookup',
        line: `GET /${l.region}/1/profile.json?${new URLSearchParams(l.query).toString()}`,
        body: undefined,
      })),
    ].sort((a, b) => a.seq - b.seq);
    if (calls.length === 0) say('   Sent to CleverTap: nothing (0 requests).');
    for (const call of calls) {
      say(
        `   Sent to CleverTap: ${call.line}   (X-CleverTap-Account-Id: ${call.accountId}, passcode header not shown)`,
      );
      if (call.body !== undefined) {
        say(json(call.body));
        this.explainDates(call.body);
      }
      say(`   CleverTap answered: HTTP ${call.status}`);
      say(call.route === 'schema' ? json(shortSchemaAnswer(call.answer)) : json(call.answer));
      for (const line of explainAnswer(call, context)) say(`   What this means: ${line}`);
    }
    return calls.length;
  }
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: 0,
    accounts: [ACCOUNT],
    campaigns: [CAMPAIGN_ID],
    schemaEvents: ACCOUNT_EVENTS,
    schemaProfileProperties: ACCOUNT_PROFILE_PROPERTIES,
  });
  process.env.CLEVERTAP_API_BASE_URL = sandbox.baseUrl;
  try {
    // The built app, loaded the way the Zapier CLI loads it: require(<app root>) -> package.json main -> index.js.
    const app = load(APP_ROOT) as LoadedApp;
    const appTester = zapier.createAppTester(app);
    const demo = new Demo(sandbox, app, appTester);

    say('CleverTap for Zapier: a demonstration against the local CleverTap test server');
    say(
      `   App ${app.version} on zapier-platform-core ${app.platformVersion}, loaded from ${APP_ROOT}/index.js`,
    );
    say(`   Test server: ${sandbox.url} (CLEVERTAP_API_BASE_URL=${sandbox.baseUrl})`);
    say(
      `   Connection: Account ID ${ACCOUNT.id}, Region ${ACCOUNT.region}, Passcode ******** (made up for this run)`,
    );

    demo.heading('Connection test (what Zapier runs when the user connects CleverTap)');
    const connection = await demo.run(
      app.authentication.test,
      {},
      {
        connectionTest: true,
        regionName: REGION_NAME,
      },
    );
    check(!connection.error, 'the connection test failed');

    const contact = fixture('hubspot-new-contact.json');
    const p = contact.properties;
    demo.heading('HubSpot "New Contact" -> CleverTap "Create/Update User Profile"');
    say('   Trigger sample (HubSpot New Contact):');
    say(json(contact));
    const profile = await demo.run(performOf(app, 'creates', 'upsert_profile'), {
      identity: contact.id,
      ts: p.createdate,
      name: `${p.firstname} ${p.lastname}`,
      email: p.email,
      phone: p.phone,
      properties: { 'Lifecycle Stage': p.lifecyclestage, 'HubSpot Contact ID': contact.id },
    });
    check(!profile.error, 'Create/Update User Profile failed');

    const deal = fixture('hubspot-new-deal.json');
    const d = deal.properties;
    demo.heading('HubSpot "New Deal" -> CleverTap "Upload Event"');
    say('   Trigger sample (HubSpot New Deal):');
    say(json(deal));
    const event = await demo.run(performOf(app, 'creates', 'upload_event'), {
      evtName: 'Deal Created',
      identity: deal.associations?.contacts?.[0],
      ts: d.createdate,
      eventProperties: {
        'Deal ID': deal.id,
        'Deal Name': d.dealname,
        Amount: d.amount,
        Stage: d.dealstage,
        'Close Date': d.closedate,
      },
    });
    check(!event.error, 'Upload Event failed');
    check(
      event.requests === 1,
      `Upload Event with the guard off sent ${event.requests} requests, not 1 upload`,
    );

    demo.heading('The Event Name dropdown: the events the CleverTap account has');
    say("   The Zap editor fills Event Name by running the app's hidden trigger with the connection:");
    const dropdown = await demo.run(performOf(app, 'triggers', 'account_events'), {});
    const offered = Array.isArray(dropdown.output)
      ? (dropdown.output as Array<{ id?: unknown }>).map((choice) => String(choice.id))
      : [];
    say(`   The dropdown offers: ${offered.join(', ')} (or a name typed or mapped).`);
    check(offered.includes('Deal Won'), 'the Event Name dropdown does not offer Deal Won');
    check(!offered.includes('App Launched'), "the Event Name dropdown offers CleverTap's system events");

    demo.heading(
      'The deal won -> "Upload Event" with Deal Won picked from the dropdown, If the Event Name Is New: Stop',
    );
    const picked = await demo.run(performOf(app, 'creates', 'upload_event'), {
      evtName: 'Deal Won',
      ifNewEvent: 'stop',
      identity: deal.associations?.contacts?.[0],
      eventProperties: { 'Deal ID': deal.id, Amount: d.amount },
    });
    say(
      '   The guard found "Deal Won" among the events the dropdown read a moment ago: Zapier\'s cache answered, ' +
        'so no second getSchema request, and the event was sent.',
    );
    check(!picked.error, 'Upload Event with a picked event and the guard on failed');
    check(
      picked.requests === 1,
      `the guarded upload sent ${picked.requests} requests, not 1 upload (cache warm)`,
    );

    demo.heading('A typo with the guard on: Event Name "Deal Wonn"');
    const typo = await demo.run(performOf(app, 'creates', 'upload_event'), {
      evtName: 'Deal Wonn',
      ifNewEvent: 'stop',
      identity: deal.associations?.contacts?.[0],
      eventProperties: { 'Deal ID': deal.id, Amount: d.amount },
    });
    const typoMessage = typo.error ? shownError(typo.error).message : '';
    check(
      /Event Name/.test(typoMessage) && typoMessage.includes('"Deal Won"'),
      'the typo was not refused naming Event Name and Deal Won',
    );
    check(typo.requests === 0, `the refused typo sent ${typo.requests} requests`);
    check(
      !sandbox.store.events().some((e) => e.evtName === 'Deal Wonn'),
      'an event named Deal Wonn was stored',
    );

    demo.heading(
      'A HubSpot deal won triggers a campaign: "Deal stage changed" (Closed Won) -> "Trigger Campaign"',
    );
    say(
      `   The deal's stage is ${d.dealstage}; the campaign is the account's External Trigger campaign ${CAMPAIGN_ID}.`,
    );
    const personalization = { 'Deal Name': d.dealname, Amount: d.amount };
    const triggered = await demo.run(performOf(app, 'creates', 'trigger_campaign'), {
      campaignId: CAMPAIGN_ID,
      identity: deal.associations?.contacts?.[0],
      personalization,
    });
    check(!triggered.error, 'Trigger Campaign failed');
    const inbox = sandbox.store.inbox();
    const contactObjectId = sandbox.store.profile('identity', contact.id)?.objectId;
    const message = inbox.find((m) => m.campaignId === CAMPAIGN_ID && m.to.identity?.includes(contact.id));
    if (message) {
      say(
        `   In the test server's inbox (${sandbox.url}/__sandbox/inbox): ${inbox.length} message(s); this one:`,
      );
      say(json(message));
      say(
        `   Campaign ${message.campaignId} for user ${contact.id} (profile ${message.matchedObjectIds.join(', ') || 'not found'}), ` +
          `with ${Object.entries(message.personalization)
            .map(([key, value]) => `${key} = "${value}"`)
            .join(', ')}: queued, as CleverTap would queue it.`,
      );
    } else say("   The test server's inbox has no message for this campaign and user.");
    check(inbox.length === 1, `the inbox has ${inbox.length} messages, not 1`);
    check(
      message !== undefined && JSON.stringify(message.personalization) === JSON.stringify(personalization),
      'the campaign message is not in the inbox with the deal name and amount as text',
    );
    check(
      message !== undefined &&
        contactObjectId !== undefined &&
        message.matchedObjectIds.includes(contactObjectId),
      "the campaign message did not find the contact's profile",
    );

    demo.heading('Read the profile back: CleverTap "Find User Profile" by Identity');
    const found = await demo.run(performOf(app, 'searches', 'find_profile'), { identity: contact.id });
    const record = Array.isArray(found.output) ? (found.output[0] as Record<string, unknown>) : undefined;
    check(
      record?.Name === 'Ada Lovelace' && record?.Email === p.email,
      'the profile read back is not the one sent',
    );
    say(
      `   On the test server: ${sandbox.store.profiles().length} profile(s), ${sandbox.store.events().length} event(s) ` +
        `for user ${contact.id}: ${sandbox.store
          .events()
          .map((e) => e.evtName)
          .join(', ')}`,
    );

    demo.heading('A bad input: a contact whose email has a typo');
    const before = sandbox.received().length;
    const bad = await demo.run(performOf(app, 'creates', 'upsert_profile'), {
      identity: '52',
      name: 'Charles Babbage',
      email: 'charles@@example.com',
    });
    check(Boolean(bad.error), 'the bad input was not refused');
    check(sandbox.received().length === before, 'the bad input was sent to CleverTap');
    check(!sandbox.store.profile('identity', '52'), 'the bad input was stored');

    say();
    if (problems.length) {
      say(`Demo FAILED: ${problems.join('; ')}.`);
      process.exitCode = 1;
    } else {
      say(
        'Demo finished: the profile and the events were stored and read back; the Event Name dropdown offered the ' +
          "account's events and the guard refused a typo before anything was sent; the won deal triggered the " +
          "campaign, whose message is in the test server's inbox; the bad input was refused before anything was sent.",
      );
      say('Try it yourself: `npm run sandbox -- --port 4010`, then point CLEVERTAP_API_BASE_URL at it.');
    }
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  const { name, message } = shownError(error);
  say(`Demo FAILED: ${name}: ${message}`);
  process.exit(1);
});
