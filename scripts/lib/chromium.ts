import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROME_BUILD_DIR } from './builds';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
);

/** Debian's Chromium, or a message that says how to install it. Playwright's own browsers are never used. */
export function findChromium(): { path: string } | { error: string } {
  const path = CANDIDATES.find((candidate) => existsSync(candidate));
  return path
    ? { path }
    : { error: "Chromium is required: install Debian's package with: sudo apt-get install chromium (or set CHROMIUM_PATH)." };
}

export { CHROME_BUILD_DIR } from './builds';

/** A Chromium with OnScript loaded. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  profile: string;
  /** The main browser process id, for tests that kill it hard (looked up when read). */
  readonly pid: number | undefined;
  extensionUrl(path: string): string;
  /** The current service worker: the browser stops it when idle, so ask again before each use. */
  serviceWorker(): Promise<Worker>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * Launches Chromium with the built extension loaded unpacked, in a fresh profile (or `userDataDir` to reuse
 * one across a restart). Flags: fake microphone and auto-accepted permission prompts for WebRTC calls,
 * loopback ICE candidates, and no background traffic to the (closed) network.
 */
export async function launchChromiumWithExtension({
  headless = true,
  userDataDir,
  extensionDir = CHROME_BUILD_DIR,
}: { headless?: boolean; userDataDir?: string; extensionDir?: string } = {}): Promise<ExtensionBrowser> {
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension build in ${extensionDir}: run npx wxt build --mode development first.`);
  }
  const profile = userDataDir ?? mkdtempSync(join(tmpdir(), 'onscript-chromium-'));
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-gpu',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: found.path,
    headless,
    args,
    viewport: headless ? { width: 1100, height: 800 } : null,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    profile,
    get pid() {
      return browserProcessOf(profile);
    },
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async serviceWorker() {
      const current = context.serviceWorkers().find((sw) => sw.url().includes(extensionId));
      return current ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
    },
    async close({ keepProfile = false } = {}) {
      await context.close().catch(() => undefined);
      if (!keepProfile && !userDataDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker the way the browser does when it is idle, through the DevTools
 * protocol of one of the extension's own pages, and resolves once Chromium reports it stopped.
 */
export async function stopExtensionServiceWorker(browser: ExtensionBrowser, extensionPage: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(extensionPage);
  try {
    const stopped = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The service worker did not stop within 5 s')), 5_000);
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const ours = versions.filter((version) => version.scriptURL.includes(browser.extensionId));
        if (ours.length > 0 && ours.every((version) => version.runningStatus === 'stopped')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The main Chromium process using `profile`: Playwright does not expose it for a persistent context, so it is
 * the process whose command line names the profile and is not a `--type=` child (Linux /proc).
 */
function browserProcessOf(profile: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
  }
  return undefined;
}

/** Where Debian's Chromium reads the administrator's policies (JSON files, read at start-up). */
export const CHROMIUM_MANAGED_POLICY_DIR = process.env['CHROMIUM_POLICY_DIR'] ?? '/etc/chromium/policies/managed';

/**
 * The id Chromium gives an unpacked extension: from the SHA-256 of its absolute path, each of the first 32 hex
 * digits written as a letter a-p. Known before launch, so a policy can name it.
 */
export function unpackedExtensionId(extensionDir: string): string {
  const digest = createHash('sha256').update(resolve(extensionDir)).digest('hex').slice(0, 32);
  return [...digest].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/**
 * Installs an administrator's policy for OnScript the way a fleet does (Chrome's `3rdparty` → `extensions` →
 * id → managed storage values), for the browsers launched after it. Writing there needs root, as a real policy
 * does; the file names this build's id, so builds elsewhere on the machine are not affected. Returns the removal.
 */
export function installChromiumPolicy(values: Record<string, unknown>, extensionDir = CHROME_BUILD_DIR): () => void {
  const file = join(CHROMIUM_MANAGED_POLICY_DIR, `onscript-${unpackedExtensionId(extensionDir)}.json`);
  try {
    mkdirSync(CHROMIUM_MANAGED_POLICY_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(extensionDir)]: values } } }, null, 2));
  } catch (error) {
    throw new Error(`Cannot install a Chromium policy in ${CHROMIUM_MANAGED_POLICY_DIR} (run as root, or set CHROMIUM_POLICY_DIR): ${String(error)}`);
  }
  return () => rmSync(file, { force: true });
}
