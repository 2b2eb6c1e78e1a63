/**
 * The local CleverTap test server (sandbox/) run inside the preview, on one port for its whole life: it can be
 * stopped (to see what a Zap user sees when CleverTap cannot be reached) and started again, empty but for its seeded
 * events and properties, on the same port, so CLEVERTAP_API_BASE_URL stays right.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox, type SandboxAccount } from '../sandbox';

export interface SandboxControl {
  readonly account: SandboxAccount;
  /** `http://127.0.0.1:PORT/{region}`, for CLEVERTAP_API_BASE_URL. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT` while running; undefined once stopped. */
  url(): string | undefined;
  stop(): Promise<void>;
  /** Starts it again (empty) on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the preview's account already has before anything is sent (getSchema lists them beside CleverTap's system
 * events and whatever the page stores): the Event Name and Property Name dropdowns are filled from these. The
 * HubSpot samples' event (Deal Created) is among them, and "Deal Won" is the guard's nearest name for "Deal Wonn".
 */
export const PREVIEW_SEEDS = {
  schemaEvents: ['Deal Created', 'Deal Won', 'Deal Lost', 'Form Submitted', 'Trial Started'],
  schemaProfileProperties: [
    'Plan',
    'Lifecycle Stage',
    'Company',
    'Lead Score',
    'Loyalty Points',
    'Interests',
  ],
};

/** An account made up per run: the passcode is random, shown only in the page's password box. */
export function previewAccount(): SandboxAccount {
  return { id: 'PREVIEW-ACCOUNT', passcode: `preview-${randomBytes(6).toString('hex')}`, region: 'eu1' };
}

export async function startManagedSandbox(
  account: SandboxAccount = previewAccount(),
): Promise<SandboxControl> {
  let sandbox: Sandbox | undefined = await startSandbox({ port: 0, accounts: [account], ...PREVIEW_SEEDS });
  const { port, baseUrl } = sandbox;
  const stop = async () => {
    const running = sandbox;
    sandbox = undefined;
    await running?.close();
  };
  return {
    account,
    baseUrl,
    url: () => sandbox?.url,
    stop,
    start: async () => {
      sandbox ??= await startSandbox({ port, accounts: [account], ...PREVIEW_SEEDS });
    },
    close: stop,
  };
}
