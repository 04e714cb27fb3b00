import { afterEach, describe, expect, inject, it } from 'vitest';
import { startDemoPages, type DemoPages } from '../../scripts/lib/demo-session';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/lib/firefox';
import { waitFor } from '../../scripts/lib/process-utils';
import { FirefoxDemoPhone, FirefoxSidePanel } from './pages/firefox/firefox-pages';
import { CUSTOMER_NUMBER } from './support/demo-call-fixture';

/**
 * The same proof as in Chromium, in Debian's Firefox ESR: a real SIP call through Kamailio, detected by the
 * Firefox build's MAIN-world hook, shown in the sidebar's page and recorded in IndexedDB.
 */
describe('Firefox: a real SIP call through Kamailio', () => {
  let firefox: FirefoxWithExtension | undefined;
  let pages: DemoPages | undefined;
  afterEach(async () => {
    await firefox?.close();
    await pages?.close();
    firefox = undefined;
    pages = undefined;
  });

  it('shows the call in the sidebar page and records it', async () => {
    pages = await startDemoPages({ wsUrl: inject('sipWsUrl'), domain: inject('sipDomain') });
    firefox = await launchFirefoxWithExtension();
    await new FirefoxDemoPhone(await firefox.browser.newPage()).open(pages.customerUrl(CUSTOMER_NUMBER, { answerAfterMs: '800' }));
    const dialer = await new FirefoxDemoPhone(await firefox.browser.newPage()).open(pages.dialerUrl());
    const panel = new FirefoxSidePanel(firefox.extensionPage);
    await panel.followTab('/dialer.html');

    await dialer.dial(CUSTOMER_NUMBER);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');
    await expect(panel.text('call-number')).resolves.toBe(CUSTOMER_NUMBER);

    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    const records = await waitFor(
      async () => {
        const all = await panel.callRecords();
        return all.some((record) => record['phase'] === 'ended') ? all : undefined;
      },
      { timeoutMs: 5_000, what: 'the ended call record' },
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      direction: 'outbound',
      remoteNumber: CUSTOMER_NUMBER,
      phase: 'ended',
      endedBy: 'local',
      endReason: 'hangup',
      origin: pages.origin,
    });
  });
});
