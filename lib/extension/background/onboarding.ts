import { browser } from 'wxt/browser';

/**
 * On first install, opens the options page in a tab: it is where an agent enters their name and enables
 * their dialer, so it is the first thing they need. (It is also how browser automation reaches OnScript's pages
 * in Firefox, which refuses to navigate a tab straight to a moz-extension: URL.)
 */
export function openOptionsOnFirstInstall(): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/options.html') }).catch(() => undefined);
  });
}
