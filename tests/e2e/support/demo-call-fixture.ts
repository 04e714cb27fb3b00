import { inject } from 'vitest';
import { ALWAYS_CALLABLE_NUMBER } from '../../../demo/demo-config';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../../scripts/lib/chromium';
import { startDemoPages, type DemoPages } from '../../../scripts/lib/demo-session';
import { DemoCustomerPage, DemoDialerPage } from '../pages/demo-phone-page';
import { SidePanelPage } from '../pages/side-panel-page';

/**
 * The customer number scenes dial: one whose rules only warn, so a scene about something else holds at any hour.
 */
export const CUSTOMER_NUMBER = ALWAYS_CALLABLE_NUMBER;

/** A browser with OnScript, a registered demo dialer and customer, and the side panel following the dialer. */
export interface DemoCallFixture {
  browser: ExtensionBrowser;
  pages: DemoPages;
  dialer: DemoDialerPage;
  customer: DemoCustomerPage;
  panel: SidePanelPage;
  close(): Promise<void>;
}

/** Sets up a demo call scene against the suite's Kamailio. */
export async function openDemoCallFixture(options: { customerNumber?: string; answerAfterMs?: number } = {}) {
  const pages = await startDemoPages({ wsUrl: inject('sipWsUrl'), domain: inject('sipDomain') });
  const browser = await launchChromiumWithExtension();
  try {
    const number = options.customerNumber ?? CUSTOMER_NUMBER;
    const customer = await new DemoCustomerPage(await browser.context.newPage()).open(
      pages.customerUrl(number, { answerAfterMs: String(options.answerAfterMs ?? 800) }),
    );
    const dialer = await new DemoDialerPage(await browser.context.newPage()).open(pages.dialerUrl());
    const panel = await SidePanelPage.openFor(browser, '/dialer.html');
    const fixture: DemoCallFixture = {
      browser,
      pages,
      dialer,
      customer,
      panel,
      async close() {
        await browser.close();
        await pages.close();
      },
    };
    return fixture;
  } catch (error) {
    await browser.close();
    await pages.close();
    throw error;
  }
}
