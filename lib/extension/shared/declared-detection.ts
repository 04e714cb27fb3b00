import { browser } from 'wxt/browser';

/**
 * The origins this build's manifest declares the detection scripts on: the demo origins in a development build
 * (wxt.config.ts), none in production. The browser injects those itself, so the background does not register the
 * scripts there again and the options page does not list them as the agent's to disable.
 */
export function declaredDetectionMatches(): string[] {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return [...new Set(scripts.flatMap((script) => script.matches ?? []))];
}
