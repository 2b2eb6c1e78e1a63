/**
 * The preview page in a real browser: headless Chromium (Debian's `chromium`, driven by puppeteer-core; nothing is
 * downloaded) against `node dist-tools/preview/cli.js` as `npm run preview` starts it. Not part of `npm test`: run with
 *
 *   npm run test:browser (npm run build, then jest -c preview/jest.browser.config.js)
 *
 * CHROMIUM_PATH overrides /usr/bin/chromium. Each step leaves a screenshot in preview-screenshots/ (git-ignored);
 * with UPDATE_DOCS_SCREENSHOT=1 the README's docs/preview.png is written again too.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';

// Functions given to page.evaluate / $eval run in the page. The project compiles without the DOM library (adding it
// would change the types of every file), so the little of the DOM they use is declared here, for this file only.
interface PageNode {
  value: string;
  innerText: string;
  innerHTML: string;
  outerHTML: string;
  textContent: string | null;
  tagName: string;
  hidden: boolean;
  options: Iterable<{ value: string; text: string }>;
  labels?: ArrayLike<unknown>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  closest(selector: string): PageNode | null;
  querySelector(selector: string): PageNode | null;
  replaceChildren(): void;
  getBoundingClientRect(): { top: number; bottom: number };
}
declare const document: {
  querySelector(selector: string): (PageNode & { scrollIntoView(): void }) | null;
  activeElement: PageNode | null;
  body: PageNode;
};
declare const window: { innerHeight: number; scrollY: number };

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist-tools', 'preview', 'cli.js');
const SHOTS = join(ROOT, 'preview-screenshots');
const DOCS_SHOT = join(ROOT, 'docs', 'preview.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let cli: ChildProcessWithoutNullStreams;
let cliOutput = '';
let browser: Browser;
let page: Page;
let origin = '';
let passcode = '';
const consoleLines: string[] = [];
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

/** Starts the preview's command line on a free port; resolves with the address it prints. */
function startCli(): Promise<string> {
  return new Promise((resolve, reject) => {
    cli = spawn(process.execPath, [CLI], { cwd: ROOT, env: { ...process.env, NODE_ENV: '' } });
    const onData = (chunk: Buffer) => {
      cliOutput += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(cliOutput);
      if (match?.[1]) resolve(match[1]);
    };
    cli.stdout.on('data', onData);
    cli.stderr.on('data', onData);
    cli.on('exit', (code) =>
      reject(new Error(`The preview exited (${code}) before printing its address:\n${cliOutput}`)),
    );
  });
}

async function shot(name: string): Promise<void> {
  // From the top, so the results column (it stays in view while the form scrolls) is beside the connection.
  await page.evaluate(() => document.querySelector('h1')!.scrollIntoView());
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The control with this accessible name inside `scope` (its label, as a screen reader reads it). */
async function control(scope: string, name: string): Promise<ElementHandle> {
  const handle = await page.waitForSelector(`${scope} ::-p-aria(${name})`, { timeout: 5000 });
  if (!handle) throw new Error(`No control named "${name}" in ${scope}`);
  return handle;
}

const text = (selector: string) => page.$eval(selector, (e) => (e as unknown as PageNode).innerText);

/** Picks an action in the "Action event" dropdown by its label. */
async function chooseAction(label: string): Promise<void> {
  const options = await page.$$eval('#action-select option', (list) =>
    list.map((o) => [(o as unknown as PageNode).value, o.textContent]),
  );
  const value = options.find(([, text]) => text === label)?.[0];
  if (!value) throw new Error(`No action "${label}" in the Action event dropdown`);
  await page.select('#action-select', value);
  await page.waitForFunction(
    (l) => document.querySelector('#action-about strong')?.textContent === l,
    {},
    label,
  );
}

/** Opens a closed <details> (the connect dialog's fields, the test server controls) as a user would. */
async function open(details: string): Promise<void> {
  if (!(await page.$eval(details, (e) => e.hasAttribute('open')))) await page.click(`${details} > summary`);
  await page.waitForSelector(`${details}[open]`);
}

/** Runs "Test step" from the keyboard (Enter on the focused button) and waits for its result. */
async function testStep(): Promise<void> {
  await page.$eval('#step-result', (e) => e.replaceChildren());
  await page.focus('#test-step');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#step-result > *', { timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('#test-step')?.hasAttribute('disabled'));
}

beforeAll(async () => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: build first (npm run build, then tsc -p preview).`);
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium.`);
  mkdirSync(SHOTS, { recursive: true });
  const url = await startCli();
  origin = new URL(url).origin;
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-dev-shm-usage'],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const target = request.url();
    if (target.startsWith(`${origin}/`) || target.startsWith('data:')) void request.continue();
    else {
      foreignRequests.push(target);
      void request.abort();
    }
  });
  await page.goto(url, { waitUntil: 'networkidle0' });
  await page.waitForSelector('#action-fields .field');
  passcode = await page.$eval(
    '#connection-fields input[type="password"]',
    (e) => (e as unknown as PageNode).value,
  );
}, 60000);

afterAll(async () => {
  await browser?.close();
  if (cli && cli.exitCode === null) cli.kill('SIGTERM');
});

describe('the first screen', () => {
  it.each([
    [1366, 768],
    [1280, 800],
  ])(
    "at %ix%i shows the action event, the account and the action's first fields, without test-server plumbing",
    async (width, height) => {
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await page.evaluate(() => document.querySelector('h1')!.scrollIntoView());
      const inView = (selector: string) =>
        page.$eval(selector, (e) => {
          const { top, bottom } = (e as unknown as PageNode).getBoundingClientRect();
          return top >= 0 && bottom <= window.innerHeight;
        });
      expect(await inView('#action-select')).toBe(true);
      expect(await inView('#test-connection')).toBe(true);
      expect(await inView('#setup-heading')).toBe(true);
      // The first two fields of the form (label, help and box) are on the first screen.
      expect(await inView('#action-fields > .field:nth-child(2)')).toBe(true);
      const editor = await text('.editor');
      expect(editor).not.toMatch(/__sandbox|127\.0\.0\.1|test server/);
      expect(await text('body')).not.toMatch(/__sandbox/);
      await page.screenshot({ path: join(SHOTS, `00-first-screen-${width}x${height}.png`) });
      await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    },
  );
});

describe('the connection', () => {
  it('shows Account ID, a Passcode password box and the Region choices, pre-filled with the test account', async () => {
    expect(await text('#account-summary')).toBe(
      'CleverTap account PREVIEW-ACCOUNT, region eu1: not tested yet.',
    );
    await open('#connection-details');
    const names = await page.$$eval('#connection-fields label', (labels) => labels.map((l) => l.textContent));
    expect(names).toEqual(['Account ID (required)', 'Passcode (required)', 'Region (required)']);
    expect(
      await (
        await control('#connection-fields', 'Account ID (required)')
      ).evaluate((e) => (e as unknown as PageNode).value),
    ).toBe('PREVIEW-ACCOUNT');
    expect(passcode).toMatch(/^preview-/);
    const region = await control('#connection-fields', 'Region (required)');
    expect(await region.evaluate((e) => (e as unknown as PageNode).value)).toBe('eu1');
    const regions = await region.evaluate((e) => [...(e as unknown as PageNode).options].map((o) => o.value));
    expect(regions).toEqual(expect.arrayContaining(['eu1', 'in1', 'sg1', 'us1', 'aps3', 'mec1']));
    // Help texts are the definition's Markdown, rendered: bold, code, a link that opens apart.
    expect(await page.$eval('#connection-fields .help', (e) => e.innerHTML)).toMatch(
      /<strong>Settings &gt; Project<\/strong>/,
    );
    const link = await page.$eval('#connection-fields .help a', (a) => [
      a.getAttribute('href'),
      a.getAttribute('rel'),
    ]);
    expect(link[0]).toMatch(/^https:\/\/developer\.clevertap\.com\//);
    expect(link[1]).toBe('noopener noreferrer');
    await shot('01-connection');
  });

  it('"Test connection" runs the connection test and shows the label Zapier gives the connection', async () => {
    await page.click('#test-connection');
    await page.waitForSelector('#connection-label');
    expect(await text('#connection-label')).toBe('PREVIEW-ACCOUNT (Europe (eu1))');
    expect(await text('#account-summary')).toMatch(/^Connected as PREVIEW-ACCOUNT \(Europe \(eu1\)\)/);
    await shot('02-connected');
  });

  it('shows a refused passcode as the Zap user sees it', async () => {
    // The connect dialog closed when the connection passed, as the editor's does.
    expect(await page.$eval('#connection-details', (e) => e.hasAttribute('open'))).toBe(false);
    await open('#connection-details');
    const box = await control('#connection-fields', 'Passcode (required)');
    await box.evaluate((e) => ((e as unknown as PageNode).value = ''));
    await box.type('not-the-passcode');
    await page.click('#test-connection');
    await page.waitForSelector('#connection-result #shown-message');
    expect(await text('#connection-result #shown-message')).toMatch(/Passcode/);
    expect(await text('#account-summary')).toMatch(/^Not connected/);
    await shot('03-connection-refused');
    expect(await page.$eval('#connection-details', (e) => e.hasAttribute('open'))).toBe(true);
    await box.evaluate((e, value) => ((e as unknown as PageNode).value = value), passcode);
    await page.click('#test-connection');
    await page.waitForSelector('#connection-label');
  });
});

describe('the actions', () => {
  it('offers every create and search of the definition as an action event, with its noun and description', async () => {
    const definition = (await page.evaluate(async () => (await fetch('/api/definition')).json())) as {
      actions: unknown;
    };
    const actions = definition.actions as Array<{
      key: string;
      label: string;
      noun: string;
      description: string;
    }>;
    const offered = await page.$$eval('#action-select option', (list) => list.map((o) => o.textContent));
    expect(offered).toEqual(actions.map((a) => a.label));
    for (const action of actions) {
      await chooseAction(action.label);
      const about = await text('#action-about');
      expect(about).toContain(action.description);
      expect(about).toContain(`noun: ${action.noun}`);
    }
    expect(actions.map((a) => a.key)).toEqual(
      expect.arrayContaining(['upsert_profile', 'upload_event', 'find_profile']),
    );
  });

  it("draws the chosen action's form in the definition's order: required marks, help, choices, rows, lists", async () => {
    await chooseAction('Create/Update User Profile');
    const keys = await page.$$eval('#action-fields > .field .meta code:first-child', (codes) =>
      codes.map((c) => c.textContent),
    );
    expect(keys.slice(0, 4)).toEqual(['identity', 'objectId', 'ts', 'name']);
    expect(await page.$eval('#action-fields .help', (e) => e.innerHTML)).toContain(
      '<strong>Object ID</strong>',
    );
    const gender = await control('#action-fields', 'Gender');
    expect(await gender.evaluate((e) => [...(e as unknown as PageNode).options].map((o) => o.text))).toEqual(
      expect.arrayContaining(['Male (M)', 'Female (F)', 'Custom value…']),
    );
    expect(await control('#action-fields', 'Profile Properties, row 1: name')).toBeTruthy();
    await chooseAction('Upload Event');
    expect(await page.$$eval('#action-fields label', (ls) => ls.map((l) => l.textContent))).toContain(
      'Event Name (required)',
    );
  });

  it('adds and removes line items from the keyboard', async () => {
    await chooseAction('Record Purchase');
    await page.focus('#action-fields .items + button');
    await page.keyboard.press('Enter');
    expect(
      await page.$$eval('#action-fields fieldset.item legend', (ls) => ls.map((l) => l.textContent)),
    ).toEqual(['Item 1', 'Item 2']);
    expect(
      await page.evaluate(
        () =>
          (document.activeElement as unknown as PageNode)
            .closest('fieldset.item legend, fieldset.item')
            ?.querySelector('legend')?.textContent,
      ),
    ).toBe('Item 2');
    await (await control('#action-fields', 'Remove item 2')).press('Enter');
    expect(await page.$$eval('#action-fields fieldset.item', (items) => items.length)).toBe(1);
    await shot('04-record-purchase-form');
  });

  it('gives every control on the page a name a screen reader can read', async () => {
    const unnamed = await page.$$eval('input, select, textarea, button', (controls) =>
      controls
        .filter((c) => !(c as unknown as PageNode).hidden)
        .filter((c) => {
          const labelled = (c as unknown as PageNode).labels?.length || c.getAttribute('aria-label');
          return !labelled && !(c.tagName === 'BUTTON' && c.textContent?.trim());
        })
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('Test step', () => {
  it('runs Create/Update User Profile filled from the HubSpot contact, and shows its output and the CleverTap side', async () => {
    await chooseAction('Create/Update User Profile');
    await page.click('#samples button');
    expect(
      await (await control('#action-fields', 'Identity')).evaluate((e) => (e as unknown as PageNode).value),
    ).toBe('ada@example.com');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step succeeded\.$/);
    expect(await text('#output-table tr[data-key="processed"] th')).toContain('Records Processed');
    expect(await text('#output-table tr[data-key="processed"] td')).toBe('1');
    expect(await text('#output-table tr[data-key="status"] td')).toBe('success');
    expect(await text('#output-table tr[data-key="profileData__Name"] td')).toBe('Ada Lovelace');
    const body = await text('#clevertap-result .request-body');
    expect(body).toContain('"Name": "Ada Lovelace"');
    expect(body).not.toContain(passcode);
    const side = await text('#clevertap-result');
    expect(side).toContain('What it now holds for ada@example.com');
    expect(side).toMatch(/Lifecycle Stage\s+lead/);
    await shot('05-upsert-profile');
  });

  it("runs Upload Event with an unreadable Creation Date and shows the app's refusal, naming the field", async () => {
    await chooseAction('Upload Event');
    await page.click('#samples button');
    const date = await control('#action-fields', 'Creation Date');
    await date.evaluate((e) => ((e as unknown as PageNode).value = ''));
    await date.type('garbage');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step failed\.$/);
    const shown = await text('#shown-message');
    expect(shown).toMatch(/Creation Date/);
    expect(shown.length).toBeLessThanOrEqual(250);
    expect(await page.$('#cut-message')).toBeNull();
    expect(await page.$('#nothing-sent')).not.toBeNull();
    await shot('06-upload-event-refused');
  });

  it("runs Upload Event from the HubSpot deal: the event lands on the contact's profile", async () => {
    await page.click('#samples button');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step succeeded\.$/);
    expect(await text('#output-table tr[data-key="evtData__Amount"] td')).toBe('1200.5');
    expect(await text('#events-table')).toContain('Deal Created');
    expect(await text('#clevertap-result')).toMatch(/Name\s+Ada Lovelace/);
    await shot('07-upload-event');
    expect(await text('body')).not.toMatch(/__sandbox/);
    // README's picture: the chosen action and its form beside the result, small enough to commit.
    await page.setViewport({ width: 1100, height: 680, deviceScaleFactor: 1 });
    await page.evaluate(() => document.querySelector('h1')!.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'readme.png') });
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      await page.screenshot({ path: DOCS_SHOT });
    }
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    expect(statSync(join(SHOTS, 'readme.png')).size).toBeLessThan(150 * 1024);
  });

  it("picks Upload Event's Event Name from the dropdown the account fills, and sends that event", async () => {
    await chooseAction('Upload Event');
    await page.click('#samples button');
    const status = await page.waitForSelector('#action-fields .dropdown-status[data-loaded]', {
      timeout: 10000,
    });
    expect(Number(await status!.evaluate((e) => e.getAttribute('data-loaded')))).toBeGreaterThan(3);
    const eventName = await control('#action-fields', 'Event Name (required)');
    const offered = await eventName.evaluate((e) =>
      [...(e as unknown as PageNode).options].map((o) => o.text),
    );
    expect(offered).toEqual(expect.arrayContaining(['Deal Won', 'Deal Created', 'Custom value…']));
    expect(offered).not.toContain('App Launched');
    await eventName.select('Deal Won');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step succeeded\.$/);
    expect(await text('#output-table tr[data-key="evtName"] td')).toBe('Deal Won');
    expect(await text('#events-table')).toContain('Deal Won');
    await shot('08-event-picked-from-dropdown');
  });

  it('with "If the Event Name Is New" set to stop, refuses a typo naming Event Name and the nearest event', async () => {
    await (await control('#action-fields', 'If the Event Name Is New')).select('stop');
    const eventName = await control('#action-fields', 'Event Name (required)');
    await eventName.select('\u0000custom');
    const custom = await control('#action-fields', 'Event Name: custom value');
    await custom.type('Deal Wonn');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step failed\.$/);
    const shown = await text('#shown-message');
    expect(shown).toMatch(/Event Name/);
    expect(shown).toContain('"Deal Won"');
    expect(shown.length).toBeLessThanOrEqual(250);
    expect(await page.$('#nothing-sent')).not.toBeNull();
    await shot('09-guard-refuses-typo');
  });

  it('runs Record Purchase with its line item, flattened for mapping as parent[]child', async () => {
    await chooseAction('Record Purchase');
    await page.click('#samples button');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step succeeded\.$/);
    expect(await text('#output-table tr[data-key="evtData__Items[]Product Name"] td')).toBe('Annual Plan');
  });

  it('shows what the Zap user sees when CleverTap answers 503, and that CleverTap answered so', async () => {
    await open('#test-server');
    await page.select('#next-answer', 'unavailable');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step failed\.$/);
    expect(await text('#shown-message')).toMatch(/503/);
    expect(await text('#clevertap-result')).toMatch(/HTTP 503/);
    await page.select('#next-answer', 'normal');
  });
});

describe('when things stop', () => {
  it("a stopped test server gives the app's connection error and says the server is stopped", async () => {
    await open('#test-server');
    await page.click('#sandbox-toggle');
    await page.waitForSelector('#sandbox-stopped');
    await testStep();
    expect(await text('#step-status')).toMatch(/the step failed\.$/);
    expect(await text('#shown-message')).toMatch(/connection|reach|CleverTap/i);
    expect(await text('#clevertap-result')).toMatch(/stopped/);
    await shot('10-sandbox-stopped');
    await page.click('#sandbox-toggle');
    await page.waitForSelector('#sandbox-running');
  });

  it('a stopped preview server gives a clear message, not a blank page', async () => {
    const exited = new Promise((resolve) => cli.once('exit', resolve));
    cli.kill('SIGTERM');
    await exited;
    await testStep();
    expect(await text('#step-result')).toMatch(/The preview server is not answering/);
    expect(await page.$$eval('#action-select option', (list) => list.map((o) => o.textContent))).toContain(
      'Create/Update User Profile',
    );
    await shot('11-preview-stopped');
  });
});

describe('secrets and sources', () => {
  it('never puts the passcode in the console or the command line output', () => {
    expect(passcode.length).toBeGreaterThan(8);
    expect(consoleLines.filter((line) => line.includes(passcode))).toEqual([]);
    expect(cliOutput).not.toContain(passcode);
    expect(cliOutput).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('loads everything from the preview itself and runs without a script error', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
