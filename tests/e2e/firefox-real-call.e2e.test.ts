import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startDemoPages, type DemoPages } from '../../scripts/lib/demo-session';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/lib/firefox';
import { waitFor } from '../../scripts/lib/process-utils';
import { FirefoxDemoPhone, FirefoxSidePanel } from './pages/firefox/firefox-pages';
import { CUSTOMER_NUMBER } from './support/demo-call-fixture';

/**
 * The same proof as in Chromium, in Debian's Firefox ESR: a real SIP call through Kamailio, detected by the
 * Firefox build's MAIN-world hook, shown with its script in the sidebar's page, the note saved in IndexedDB,
 * and the day exported to CSV.
 */
describe('Firefox: a real SIP call through Kamailio', () => {
  let firefox: FirefoxWithExtension | undefined;
  let pages: DemoPages | undefined;
  const downloads = mkdtempSync(join(tmpdir(), 'onscript-firefox-downloads-'));
  afterEach(async () => {
    await firefox?.close();
    await pages?.close();
    firefox = undefined;
    pages = undefined;
    rmSync(downloads, { recursive: true, force: true });
  });

  /** Firefox with OnScript, the demo customer and dialer, and the panel page following the dialer's tab. */
  async function openScene(options: { downloadDir?: string } = {}) {
    pages = await startDemoPages({ wsUrl: inject('sipWsUrl'), domain: inject('sipDomain') });
    firefox = await launchFirefoxWithExtension(options);
    await new FirefoxDemoPhone(await firefox.browser.newPage()).open(pages.customerUrl(CUSTOMER_NUMBER, { answerAfterMs: '800' }));
    const dialer = await new FirefoxDemoPhone(await firefox.browser.newPage()).open(pages.dialerUrl());
    const panel = new FirefoxSidePanel(firefox.extensionPage);
    await panel.followTab('/dialer.html');
    return { pages, dialer, panel };
  }

  it('shows the call and its script in the sidebar page, saves the note and exports the day', async () => {
    const { pages, dialer, panel } = await openScene({ downloadDir: downloads });

    await dialer.dial(CUSTOMER_NUMBER);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');
    await expect(panel.text('call-number')).resolves.toBe(CUSTOMER_NUMBER);
    // The English UI walks the default English-language pack; its first step greets the customer.
    await panel.waitForStep('Greeting');

    const note = 'Customer will pay 500 on Friday, 客户周五还款';
    await panel.typeNotes(note);
    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    const records = await waitFor(
      async () => {
        const all = await panel.callRecords();
        return all.some((record) => record['phase'] === 'ended' && record['notes'] === note) ? all : undefined;
      },
      { timeoutMs: 5_000, what: 'the ended call record with its note' },
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      direction: 'outbound',
      remoteNumber: CUSTOMER_NUMBER,
      phase: 'ended',
      endedBy: 'local',
      endReason: 'hangup',
      // Decided by the MAIN-world hook's SIP frames, which reach the bridge over its private channel (issue 14).
      source: 'sip-ws',
      origin: pages.origin,
    });

    await panel.exportToday();
    // Firefox creates the file first and fills it through a .part file: wait for the finished download.
    const file = await waitFor(
      () => {
        const names = readdirSync(downloads);
        const csv = names.find((name) => name.endsWith('.csv'));
        return csv && !names.some((name) => name.endsWith('.part')) && statSync(join(downloads, csv)).size > 0 ? csv : undefined;
      },
      { timeoutMs: 10_000, what: 'the exported CSV in the download folder' },
    );
    const bytes = readFileSync(join(downloads, file));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('call_id,agent,started_at,ended_at');
    expect(text).toContain(note);
  });

  it('ends the call as ended-unknown when the dialer is reloaded mid-call', async () => {
    // Firefox's background is a page that does not stop, so only the page's own leaving tells: its pagehide
    // signal and its port's disconnect (both arrive; the first ends the call).
    const { dialer, panel } = await openScene();
    await dialer.dial(CUSTOMER_NUMBER);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');

    await dialer.page.reload();
    await panel.waitForPhase('Ended');
    await expect(panel.page.$eval('.call-card', (card) => card.textContent ?? '')).resolves.toContain('End not seen');
    const [record] = await waitFor(
      async () => {
        const all = await panel.callRecords();
        return all.length === 1 && all[0]?.['phase'] === 'ended' ? all : undefined;
      },
      { timeoutMs: 5_000, what: 'the ended call record' },
    );
    expect(record).toMatchObject({ direction: 'outbound', remoteNumber: CUSTOMER_NUMBER, endedBy: 'unknown', endReason: 'ended-unknown' });
  });
});
