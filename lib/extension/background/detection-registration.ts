import { browser } from 'wxt/browser';
import { enabledDetectionMatches } from '../../detection/detection-matches';
import { declaredDetectionMatches } from '../shared/declared-detection';

/**
 * Runtime registration of the detection scripts on the origins the user enabled.
 *
 * Every dialer origin is an optional host permission: granting it (options page, side panel, or enterprise policy)
 * makes this module register the two scripts (MAIN-world hooks first, then the ISOLATED bridge, which hands the
 * hooks their private channel) for it, and revoking it unregisters them. A page on an origin never enabled gets
 * nothing injected. Only a development build's manifest declares the scripts itself, on the local demo origins.
 */

/** Ids of the runtime-registered scripts. */
export const HOOKS_SCRIPT_ID = 'onscript-detection-hooks';
export const BRIDGE_SCRIPT_ID = 'onscript-detection-bridge';
/** The built files of the two content script entry points (WXT's output names). */
export const HOOKS_SCRIPT_FILE = 'content-scripts/hooks.js';
export const BRIDGE_SCRIPT_FILE = 'content-scripts/bridge.js';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes the registered detection scripts match the granted optional origins. Calls are serialized, so install,
 * startup and permission events arriving together cannot interleave an unregister with a register.
 * @returns the match patterns now registered
 */
export function syncDetectionScripts(): Promise<string[]> {
  const run = queue.then(syncNow, syncNow);
  queue = run.catch(() => undefined);
  return run;
}

async function syncNow(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const matches = enabledDetectionMatches(origins, declaredDetectionMatches());
  const ids = [HOOKS_SCRIPT_ID, BRIDGE_SCRIPT_ID];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (matches.length === 0) return [];
  const common = { matches, runAt: 'document_start' as const, allFrames: true, persistAcrossSessions: true };
  const scripts = [
    { ...common, id: HOOKS_SCRIPT_ID, js: [HOOKS_SCRIPT_FILE], world: 'MAIN' as const },
    { ...common, id: BRIDGE_SCRIPT_ID, js: [BRIDGE_SCRIPT_FILE] },
  ];
  try {
    await browser.scripting.registerContentScripts(scripts.map((s) => ({ ...s, matchOriginAsFallback: true })));
  } catch {
    // Browsers without matchOriginAsFallback (Firefox) still get every frame on the enabled origins.
    await browser.scripting.registerContentScripts(scripts);
  }
  return matches;
}

/** Wires the re-registration to the events that can change what is enabled. Call once from the background. */
export function keepDetectionScriptsRegistered(): void {
  const sync = () => {
    syncDetectionScripts().catch((error: unknown) => console.error('OnScript could not register detection', error));
  };
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}
