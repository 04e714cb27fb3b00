import { inject } from 'vitest';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../../scripts/lib/chromium';
import { readCallRecords, startDemoPages, type DemoPages } from '../../../scripts/lib/demo-session';
import { waitFor } from '../../../scripts/lib/process-utils';
import { SipJsCustomerPage } from '../pages/call-scenario-pages';
import { DemoCustomerPage, DemoDialerPage } from '../pages/demo-phone-page';
import { SidePanelPage } from '../pages/side-panel-page';

/** One customer phone in a scene: its number, which SIP stack, and its query parameters. */
export interface CustomerSpec {
  number: string;
  stack: 'sipjs' | 'jssip';
  params?: Record<string, string>;
}

/** The agent's dialer (JsSIP, OnScript enabled), the customers' phones and the side panel. */
export interface CallScene {
  browser: ExtensionBrowser;
  pages: DemoPages;
  dialer: DemoDialerPage;
  customers: DemoCustomerPage[];
  panel: SidePanelPage;
  close(): Promise<void>;
}

/**
 * Opens a scene against the suite's Kamailio: every customer registered first, then the dialer, then the panel
 * following the dialer tab.
 */
export async function openCallScene(customers: CustomerSpec[]): Promise<CallScene> {
  const pages = await startDemoPages({ wsUrl: inject('sipWsUrl'), domain: inject('sipDomain') });
  const browser = await launchChromiumWithExtension();
  try {
    const phones: DemoCustomerPage[] = [];
    for (const spec of customers) {
      const page = await browser.context.newPage();
      phones.push(
        spec.stack === 'sipjs'
          ? await new SipJsCustomerPage(page).open(pages.sipjsCustomerUrl(spec.number, spec.params))
          : await new DemoCustomerPage(page).open(pages.customerUrl(spec.number, spec.params)),
      );
    }
    const dialer = await new DemoDialerPage(await browser.context.newPage()).open(pages.dialerUrl());
    const panel = await SidePanelPage.openFor(browser, '/dialer.html');
    return {
      browser,
      pages,
      dialer,
      customers: phones,
      panel,
      async close() {
        await browser.close();
        await pages.close();
      },
    };
  } catch (error) {
    await browser.close();
    await pages.close();
    throw error;
  }
}

/** Waits until IndexedDB holds an ended record for `number`, and returns it. */
export function waitForEndedRecord(panel: SidePanelPage, number: string): Promise<Record<string, unknown>> {
  return waitFor(
    async () =>
      (await readCallRecords(panel.page)).find((record) => record['remoteNumber'] === number && record['phase'] === 'ended'),
    { timeoutMs: 5_000, what: `the ended call record for ${number}` },
  );
}
