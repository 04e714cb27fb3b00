import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { stopExtensionServiceWorker } from '../../scripts/lib/chromium';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { SidePanelPage } from './pages/side-panel-page';
import { CUSTOMER_NUMBER, openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

/**
 * Calls always end, in real Chromium with real SIP calls: a dialer reloaded or navigated away mid-call, and a
 * dialer that crashed while the worker was stopped (no pagehide, no port), end the call as `ended-unknown`; the
 * panel shows it ended, and the caps count it.
 */
describe('calls whose end nobody sees', () => {
  let scene: DemoCallFixture | undefined;
  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  /** The one call record once it has ended. */
  const endedRecord = (page: Page) =>
    waitFor(
      async () => {
        const all = await readCallRecords(page);
        return all.length === 1 && all[0]?.['phase'] === 'ended' ? all[0] : undefined;
      },
      { timeoutMs: 10_000, what: 'the ended call record' },
    );

  /** A connected outbound call to the demo customer. */
  async function connectedCall(): Promise<DemoCallFixture> {
    scene = await openDemoCallFixture();
    await scene.dialer.dial(CUSTOMER_NUMBER);
    await scene.dialer.waitForState('connected');
    await scene.panel.waitForPhase('Connected');
    return scene;
  }

  it('ends the call when the dialer is reloaded mid-call, shows it ended and counts it as an attempt', async () => {
    const { dialer, panel } = await connectedCall();
    await dialer.page.reload();

    await panel.waitForPhase('Ended');
    await expect(panel.callCardText()).resolves.toContain('End not seen');
    const record = await endedRecord(panel.page);
    expect(record).toMatchObject({ direction: 'outbound', remoteNumber: CUSTOMER_NUMBER, endedBy: 'unknown', endReason: 'ended-unknown' });
    const { connectedAt, endedAt } = record as { connectedAt: number; endedAt: number };
    expect(endedAt).toBeGreaterThan(connectedAt);

    // The caps count it: it connected, so it was a conversation.
    await panel.checkNextNumber(String(record['numberE164'] ?? CUSTOMER_NUMBER));
    await waitFor(async () => /1 attempts and 1 conversations/.test(await panel.capsText()), {
      timeoutMs: 5_000,
      what: 'the caps to count the reloaded call',
    });
  });

  it('ends the call when the dialer is reloaded while the worker is stopped, as of the reload', async () => {
    const { dialer, panel, browser } = await connectedCall();
    await stopExtensionServiceWorker(browser, panel.page);
    // No port is open now (the usual case: the browser stops an idle worker during a long call). The page's last
    // word on pagehide wakes a worker, which asks the frame: the new page there does not know the call.
    const reloadedAt = Date.now();
    await dialer.page.reload();

    await panel.waitForPhase('Ended');
    const record = await endedRecord(panel.page);
    expect(record).toMatchObject({ endReason: 'ended-unknown', endedBy: 'unknown' });
    // Ended when the new page started, not at the call's last sighting (the moment it connected).
    expect(record['endedAt']).toBeGreaterThanOrEqual(reloadedAt);
  });

  it('ends the call when the dialer tab navigates away mid-call', async () => {
    const { dialer, panel, pages } = await connectedCall();
    // Another site: the new page gets another renderer, as navigating to a CRM would.
    await dialer.page.goto(`${pages.customerOrigin}/nothing-here.html`);

    await panel.waitForPhase('Ended');
    await expect(endedRecord(panel.page)).resolves.toMatchObject({ endReason: 'ended-unknown', endedBy: 'unknown' });
  });

  it('ends the call of a dialer that crashed while the worker was stopped, once a worker starts again', async () => {
    const { dialer, panel, browser } = await connectedCall();
    await stopExtensionServiceWorker(browser, panel.page);
    const crashedAt = Date.now();
    // A renderer crash runs no pagehide, and the frame's port died with the worker: only the next worker's
    // question to the frame can find the call gone.
    const cdp = await browser.context.newCDPSession(dialer.page);
    const crashed = new Promise<void>((resolve) => dialer.page.once('crash', () => resolve()));
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;

    // Opening a panel wakes the worker; it asks the crashed frame, which cannot answer.
    const reopened = await SidePanelPage.openFor(browser, '/dialer.html');
    await reopened.waitForPhase('Ended');
    const record = await endedRecord(reopened.page);
    expect(record).toMatchObject({ endReason: 'ended-unknown', endedBy: 'unknown' });
    // When it ended nobody knows: the record says when it was last seen, which is before the crash.
    expect(record['endedAt']).toBeLessThan(crashedAt);
    expect(record['endedAt']).toBeGreaterThanOrEqual(record['connectedAt'] as number);
    await reopened.page.close();
  });
});
