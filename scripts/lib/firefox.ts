import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_BUILD_DIR } from './builds';
import { waitFor } from './process-utils';

const CANDIDATES = [process.env['FIREFOX_PATH'], '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(
  (path): path is string => Boolean(path),
);

/** The add-on id the Firefox build declares (wxt.config.ts). */
export const FIREFOX_ADDON_ID = 'onscript@onscript.dev';

/** A fixed internal UUID, so the moz-extension: origin is known before install. */
export const FIREFOX_EXTENSION_UUID = '0b5e1c2a-6f0d-4c1e-9a51-0a5c21f7e001';

export { FIREFOX_BUILD_DIR } from './builds';

/** Debian's Firefox ESR, or a message that says how to install it. */
export function findFirefox(): { path: string } | { error: string } {
  const path = CANDIDATES.find((candidate) => existsSync(candidate));
  return path
    ? { path }
    : { error: "Firefox is required: install Debian's package with: sudo apt-get install firefox-esr (or set FIREFOX_PATH)." };
}

/** A Firefox with OnScript installed as a temporary add-on. */
export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  extensionOrigin: string;
  /**
   * The tab OnScript opened itself on install (its options page). Automation may not navigate a tab to a
   * moz-extension: URL, but an extension page may navigate itself, so tests steer this tab.
   */
  extensionPage: Page;
  close(): Promise<void>;
}

/**
 * Launches Firefox headless over WebDriver BiDi, installs the build as a temporary add-on with a known UUID,
 * and waits for the options tab OnScript opens on first install. Fake media devices answer getUserMedia;
 * with `downloadDir`, downloads are saved there without asking.
 */
export async function launchFirefoxWithExtension({
  extensionDir = FIREFOX_BUILD_DIR,
  downloadDir,
}: { extensionDir?: string; downloadDir?: string } = {}): Promise<FirefoxWithExtension> {
  const found = findFirefox();
  if ('error' in found) throw new Error(found.error);
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${extensionDir}: run npx wxt build --mode development -b firefox first.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: found.path,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'media.peerconnection.ice.loopback': true,
      'media.autoplay.default': 0,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
      // Downloads (the notes export) go straight to `downloadDir`, no dialog.
      ...(downloadDir
        ? {
            'browser.download.folderList': 2,
            'browser.download.dir': downloadDir,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            'browser.helperApps.neverAsk.saveToDisk': 'text/csv,application/json',
          }
        : {}),
    },
  });
  try {
    await browser.installExtension(extensionDir);
    const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
    // Puppeteer may still report the tab as about:blank, so ask each page where it really is.
    const extensionPage = await waitFor(
      async () => {
        for (const page of await browser.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(extensionOrigin)) return page;
        }
        return undefined;
      },
      { timeoutMs: 15_000, what: 'OnScript to open its options page on install' },
    );
    return { browser, extensionOrigin, extensionPage, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
