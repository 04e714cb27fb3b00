import { afterEach, describe, expect, it } from 'vitest';
import { stopExtensionServiceWorker } from '../../scripts/lib/chromium';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { readPanelTap, tapPanelMessages } from '../../scripts/lib/panel-message-tap';
import { waitFor } from '../../scripts/lib/process-utils';
import { SidePanelPage } from './pages/side-panel-page';
import { CUSTOMER_NUMBER, openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

/**
 * The foundation's proof: a real SIP call between two JsSIP pages through Kamailio, detected by the built
 * extension's hooks, shown in the side panel and recorded in IndexedDB.
 */
describe('a real SIP call through Kamailio', () => {
  let scene: DemoCallFixture | undefined;
  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  it('shows the outbound call live in the side panel and records it after hang-up', async () => {
    scene = await openDemoCallFixture();
    const { dialer, panel } = scene;
    // The panel reads the language in force and the tab's state before it shows anything: wait for it.
    await panel.page.getByTestId('no-call').waitFor({ state: 'visible' });

    await dialer.dial(CUSTOMER_NUMBER);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');
    await expect(panel.number().innerText()).resolves.toBe(CUSTOMER_NUMBER);
    await expect(panel.callCardText()).resolves.toContain('Outbound');

    // Audio flowing (the dialer's RTCPeerConnection reaching "connected") confirms the call: confidence rises
    // above what signaling alone gives.
    await waitFor(
      async () => ((await readCallRecords(panel.page))[0]?.['confidence'] as number | undefined ?? 0) > 0.9,
      { timeoutMs: 8_000, what: 'media to confirm the call' },
    );

    // The timer runs from the stored connect time.
    const before = await panel.timer().innerText();
    await waitFor(async () => (await panel.timer().innerText()) !== before, { timeoutMs: 4_000, what: 'the timer to move' });

    await dialer.toggleHold();
    await dialer.waitForState('held');
    await panel.waitForPhase('On hold');
    await dialer.toggleHold();
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');

    await dialer.hangUp();
    await dialer.waitForState('ended');
    await panel.waitForPhase('Ended');
    await expect(panel.callCardText()).resolves.toContain('You hung up');

    const records = await waitFor(
      async () => {
        const all = await readCallRecords(panel.page);
        return all.length === 1 && all[0]?.['phase'] === 'ended' ? all : undefined;
      },
      { timeoutMs: 5_000, what: 'the ended call record' },
    );
    const record = records[0]!;
    expect(record).toMatchObject({
      direction: 'outbound',
      remoteNumber: CUSTOMER_NUMBER,
      phase: 'ended',
      endedBy: 'local',
      endReason: 'hangup',
      source: 'sip-ws',
      origin: scene.pages.origin,
    });
    const { startedAt, connectedAt, endedAt } = record as { startedAt: number; connectedAt: number; endedAt: number };
    expect(startedAt).toBeLessThanOrEqual(connectedAt);
    expect(connectedAt).toBeLessThan(endedAt);
    expect(endedAt - connectedAt).toBeGreaterThanOrEqual(1_000);
  });

  it('follows an inbound call the agent answers and the customer ends', async () => {
    scene = await openDemoCallFixture();
    const { dialer, customer, panel } = scene;

    await customer.callAgent();
    await dialer.waitForState('incoming');
    await panel.waitForPhase('Ringing');
    await expect(panel.callCardText()).resolves.toContain('Inbound');
    await expect(panel.number().innerText()).resolves.toBe(CUSTOMER_NUMBER);

    await dialer.answer();
    await panel.waitForPhase('Connected');
    await customer.hangUp();
    await panel.waitForPhase('Ended');
    await expect(panel.callCardText()).resolves.toContain('The customer hung up');

    const [record] = await readCallRecords(panel.page);
    expect(record).toMatchObject({ direction: 'inbound', remoteNumber: CUSTOMER_NUMBER, endedBy: 'remote', endReason: 'hangup' });
  });

  it('keeps the live call when the service worker is stopped mid-call', async () => {
    scene = await openDemoCallFixture();
    const { dialer, panel, browser } = scene;
    await dialer.dial(CUSTOMER_NUMBER);
    await panel.waitForPhase('Connected');
    await stopExtensionServiceWorker(browser, panel.page);

    // A panel opened after the restart reads the persisted state, not the dead worker's memory.
    const reopened = await SidePanelPage.openFor(browser, '/dialer.html');
    await reopened.waitForPhase('Connected');
    await dialer.hangUp();
    await reopened.waitForPhase('Ended');
    // The first panel's port died with the worker: it hears the end through the fallback broadcast, and the
    // dialer's signal port, also dead, was reopened for the hang-up.
    await panel.waitForPhase('Ended');
    await reopened.page.close();
    // One record: the restarted worker found the call in storage rather than starting a second one.
    const records = await readCallRecords(panel.page);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ phase: 'ended', endedBy: 'local', endReason: 'hangup', remoteNumber: CUSTOMER_NUMBER });
  });

  it("hears the call's changes on the worker's direct channel, and nothing more on its port once it has (Chrome)", async () => {
    scene = await openDemoCallFixture();
    const { dialer, panel } = scene;
    await tapPanelMessages(panel.page);
    await panel.page.reload();
    await panel.page.getByTestId('no-call').waitFor({ state: 'visible' });

    await dialer.dial(CUSTOMER_NUMBER);
    await panel.waitForPhase('Connected');
    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    const heard = await readPanelTap(panel.page);
    const onChannel = heard.filter((h) => h.via === 'channel' && h.phases.length > 0);
    expect(onChannel.flatMap((h) => h.phases)).toEqual(expect.arrayContaining(['connected', 'ended']));
    const firstOnChannel = heard.findIndex((h) => h.via === 'channel');
    expect(heard.slice(firstOnChannel).filter((h) => h.via === 'port')).toEqual([]);
  });
});
