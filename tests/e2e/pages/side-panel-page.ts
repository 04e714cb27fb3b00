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

  /**
   * Opens the panel for a tab by id: for a tab on a site OnScript has no access to, the browser hides the URL, so
   * the test knows the id from creating the tab.
   */
  static async openForTab(browser: ExtensionBrowser, tabId: number): Promise<SidePanelPage> {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl(`sidepanel.html?tabId=${tabId}`));
    return new SidePanelPage(page);
  }

  /** The "call detection is off here" section, shown with no call on a site OnScript does not run on. */
  enableDetectionSection() {
    return this.page.getByRole('region', { name: 'Call detection is off here' });
  }

  /** Pastes the dialer's address and presses Enable site (a real click, so the permission request has a gesture). */
  async enableSite(address: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /Site address/ }).fill(address);
    await this.page.getByRole('button', { name: 'Enable site' }).click();
  }

  reloadDialerTabButton() {
    return this.page.getByRole('button', { name: 'Reload the dialer tab' });
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

  /** Checks a number in the compliance section's "Next number" form (shown while no call is live). */
  async checkNextNumber(number: string): Promise<void> {
    await this.page.getByLabel('Next number').fill(number);
    await this.page.getByRole('button', { name: 'Check', exact: true }).click();
  }

  /** Switches the panel's view by its tab ("Call" / "My day", "通话" / "我的一天"), as the agent clicks it. */
  async showView(name: string): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  /**
   * Opens the full calling rules during a call (the header shows them at a glance; the section is collapsed
   * under the notes). Before and after a call the section is open already.
   */
  async showCallingRules(): Promise<void> {
    const more = this.page.getByTestId('more-compliance');
    await this.page.getByTestId('compliance-section').waitFor({ state: 'attached' });
    if ((await more.count()) > 0 && !(await more.evaluate((details) => (details as HTMLDetailsElement).open))) {
      await more.locator(':scope > summary').click();
    }
  }

  /** The compliance section's caps line: whether a cap is reached, and the attempts counted. */
  capsText(): Promise<string> {
    return this.page.getByTestId('compliance-caps').innerText();
  }
}
