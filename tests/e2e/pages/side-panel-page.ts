import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../../scripts/lib/chromium';
import { tabIdOf } from '../../../scripts/lib/demo-session';

/**
 * OnScript's side panel, opened in an ordinary tab as `sidepanel.html?tabId=N` (automation cannot drive the
 * real side panel) and following the dialer tab.
 */
export class SidePanelPage {
  private constructor(readonly page: Page) {}

  /** Opens the panel for the tab whose URL contains `dialerUrlPart`. */
  static async openFor(browser: ExtensionBrowser, dialerUrlPart: string): Promise<SidePanelPage> {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('sidepanel.html'));
    const tabId = await tabIdOf(page, dialerUrlPart);
    await page.goto(browser.extensionUrl(`sidepanel.html?tabId=${tabId}`));
    return new SidePanelPage(page);
  }

  /** The call card's state label, e.g. "Connected". */
  phase() {
    return this.page.getByTestId('call-phase');
  }

  number() {
    return this.page.getByTestId('call-number');
  }

  /** The call card's duration timer (the compliance countdown is another role="timer"). */
  timer() {
    return this.page.getByTestId('call-timer');
  }

  async waitForPhase(label: string, timeoutMs = 10_000): Promise<void> {
    await this.page.getByTestId('call-phase').filter({ hasText: label }).waitFor({ timeout: timeoutMs });
  }

  /** The text of the call card, for assertions on the whole. */
  callCardText(): Promise<string> {
    return this.page.locator('.call-card').innerText();
  }
}
