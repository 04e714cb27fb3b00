import { browser } from 'wxt/browser';
import { enabledDetectionMatches } from './detection-registration';

/**
 * The extension-page side of enabling dialer origins: optional host permissions, requested from a click (the
 * browser asks the user). Granting or revoking fires `permissions.onAdded/onRemoved`, on which the background
 * re-registers the detection scripts.
 */

/** The dialer origins enabled now (granted optional host permissions, without the always-on demo origins). */
export async function listEnabledDialerOrigins(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return enabledDetectionMatches(origins);
}

/** Asks the browser for access to these origin patterns; must run inside a user gesture. */
export function enableDialerOrigins(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...patterns] });
}

/** Gives up access to these origin patterns; detection stops there on the next page load. */
export function disableDialerOrigins(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.remove({ origins: [...patterns] });
}
