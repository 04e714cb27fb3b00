import { browser } from 'wxt/browser';
import { parseDialerOriginsPolicy } from '../../detection/dialer-access';
import { enabledDetectionMatches } from '../../detection/dialer-access';
import { declaredDetectionMatches } from '../shared/declared-detection';
import { readManagedPolicy } from '../shared/managed-policy';

/**
 * The extension-page side of enabling dialer origins: optional host permissions, requested from a click (the
 * browser asks the user). Granting or revoking fires `permissions.onAdded/onRemoved`, on which the background
 * re-registers the detection scripts.
 */

/** The dialer origins enabled now (granted optional host permissions, without the ones the manifest declares). */
export async function listEnabledDialerOrigins(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return enabledDetectionMatches(origins, declaredDetectionMatches());
}

/** Asks the browser for access to these origin patterns; must run inside a user gesture. */
export function enableDialerOrigins(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...patterns] });
}

/** Gives up access to these origin patterns; detection stops there on the next page load. */
export function disableDialerOrigins(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.remove({ origins: [...patterns] });
}

/**
 * The origins an administrator requires (managed `enabledDialerOrigins`, public/managed-schema.json) as host
 * permission patterns. Chrome cannot grant an optional host permission from policy, so these still need the
 * agent's one click; the UI shows them as required and never offers to disable them. Malformed entries are
 * skipped with a console warning.
 */
export async function readDialerOriginsPolicy(): Promise<string[]> {
  const { enabledDialerOrigins } = await readManagedPolicy(['enabledDialerOrigins']);
  const { patterns, ignored } = parseDialerOriginsPolicy(enabledDialerOrigins);
  if (ignored.length > 0) console.warn('OnScript ignored part of the enabledDialerOrigins policy:', ignored.join('; '));
  return patterns;
}

/**
 * Calls back whenever what is enabled or required may have changed: a permission granted or revoked anywhere
 * (options page, side panel, the browser's own settings) or a new managed policy. Returns an unsubscribe.
 */
export function onDialerAccessChanged(callback: () => void): () => void {
  const onStorage = (_changes: unknown, area: string) => {
    if (area === 'managed') callback();
  };
  browser.permissions.onAdded.addListener(callback);
  browser.permissions.onRemoved.addListener(callback);
  browser.storage.onChanged.addListener(onStorage);
  return () => {
    browser.permissions.onAdded.removeListener(callback);
    browser.permissions.onRemoved.removeListener(callback);
    browser.storage.onChanged.removeListener(onStorage);
  };
}

/**
 * The URL of a tab as the browser reports it: present only where OnScript has host access (it has no `tabs`
 * permission), so `undefined` also means "not enabled here".
 */
export async function readTabUrl(tabId: number): Promise<string | undefined> {
  try {
    return (await browser.tabs.get(tabId)).url ?? undefined;
  } catch {
    return undefined;
  }
}

/** Reloads a tab so the detection scripts run from the page's start; `tabs.reload` needs no permission. */
export async function reloadTab(tabId: number): Promise<void> {
  await browser.tabs.reload(tabId);
}

/** What the dialer-origin controls need from the extension; an interface so component tests pass a fake. */
export interface DialerAccess {
  /** Granted optional dialer origins (patterns). */
  list(): Promise<string[]>;
  /** Origins the administrator's policy requires (patterns). */
  policy(): Promise<string[]>;
  /** Requests access; must be called synchronously from the click that asked for it. */
  enable(patterns: readonly string[]): Promise<boolean>;
  disable(patterns: readonly string[]): Promise<boolean>;
  /** Calls back when grants or the policy change; returns an unsubscribe. */
  onChanged(callback: () => void): () => void;
}

/** What the side panel additionally needs to know about, and do to, the tab it shows. */
export interface TabAccess {
  /** Origins the build's manifest runs detection on by itself (a development build's demo origins). */
  declared(): readonly string[];
  /** The tab's URL, `undefined` where the browser hides it from OnScript. */
  tabUrl(tabId: number): Promise<string | undefined>;
  reloadTab(tabId: number): Promise<void>;
}

/** The real extension APIs behind {@link DialerAccess} and {@link TabAccess}. */
export const browserDialerAccess: DialerAccess & TabAccess = {
  list: listEnabledDialerOrigins,
  policy: readDialerOriginsPolicy,
  enable: enableDialerOrigins,
  disable: disableDialerOrigins,
  onChanged: onDialerAccessChanged,
  declared: declaredDetectionMatches,
  tabUrl: readTabUrl,
  reloadTab,
};
