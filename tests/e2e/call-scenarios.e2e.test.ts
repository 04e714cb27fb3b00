import { afterEach, describe, expect, it } from 'vitest';
import { ALWAYS_CALLABLE_NUMBER } from '../../demo/demo-config';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { CallScenarioPanel, SipJsCustomerPage } from './pages/call-scenario-pages';
import { openCallScene, waitForEndedRecord, type CallScene } from './support/call-scenario-fixture';

// UK debtors: their rules only warn, so each scene holds at any hour (demo/demo-config.ts).
const CUSTOMER_A = ALWAYS_CALLABLE_NUMBER;
const CUSTOMER_B = '+447400123457';
/** How long the customer's phone rings before it answers or turns the call down (see the first scenario). */
const RINGS_FOR_MS = '3000';

/**
 * The ways a real call goes, between the agent's JsSIP dialer and a customer on a second SIP stack (SIP.js),
 * through Kamailio: each one checked in the side panel and in the IndexedDB record OnScript keeps.
 */
describe('call scenarios with a SIP.js customer through Kamailio', () => {
  let scene: CallScene | undefined;
  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  it('follows a call to a SIP.js phone through hold and resume to the agent hanging up', async () => {
    // Ringing lasts 3 s: the panel's tab sits behind the dialer's, where the browser checks a locator about once a
    // second, so a sub-second ringing phase can be shown and gone between two checks.
    scene = await openCallScene([{ number: CUSTOMER_A, stack: 'sipjs', params: { answerAfterMs: RINGS_FOR_MS } }]);
    const { dialer, panel } = scene;
    const customer = scene.customers[0]!;

    await dialer.dial(CUSTOMER_A);
    await customer.waitForState('incoming');
    await panel.waitForPhase('Ringing');
    await dialer.waitForState('connected');
    await customer.waitForState('connected');
    await panel.waitForPhase('Connected');
    await expect(panel.number().innerText()).resolves.toBe(CUSTOMER_A);
    await expect(panel.callCardText()).resolves.toContain('Outbound');

    await dialer.toggleHold();
    await dialer.waitForState('held');
    await customer.waitForState('held');
    await panel.waitForPhase('On hold');
    await dialer.toggleHold();
    await dialer.waitForState('connected');
    await customer.waitForState('connected');
    await panel.waitForPhase('Connected');

    await dialer.hangUp();
    await customer.waitForState('ended');
    await panel.waitForPhase('Ended');
    await expect(panel.callCardText()).resolves.toContain('You hung up');

    const record = await waitForEndedRecord(panel, CUSTOMER_A);
    expect(record).toMatchObject({
      direction: 'outbound',
      phase: 'ended',
      endedBy: 'local',
      endReason: 'hangup',
      source: 'sip-ws',
      origin: scene.pages.origin,
    });
    const { startedAt, connectedAt, endedAt } = record as { startedAt: number; connectedAt: number; endedAt: number };
    expect(startedAt).toBeLessThanOrEqual(connectedAt);
    expect(connectedAt).toBeLessThan(endedAt);
    await expect(readCallRecords(panel.page)).resolves.toHaveLength(1);
  });

  it('records a call the agent cancels while it rings as cancelled by the agent', async () => {
    // The customer would let it ring for a minute: the agent gives up first.
    scene = await openCallScene([{ number: CUSTOMER_A, stack: 'sipjs', params: { answerAfterMs: '60000' } }]);
    const { dialer, panel } = scene;
    const customer = scene.customers[0] as SipJsCustomerPage;

    await dialer.dial(CUSTOMER_A);
    await dialer.waitForState('ringing');
    await customer.waitForState('incoming');
    await panel.waitForPhase('Ringing');

    await dialer.hangUp();
    await dialer.waitForState('ended');
    await customer.waitForState('ended');
    await expect(customer.callStateText()).resolves.toBe('ended (Canceled)');
    await panel.waitForPhase('Ended');
    await expect(panel.callCardText()).resolves.toContain('Cancelled before answer');

    const record = await waitForEndedRecord(panel, CUSTOMER_A);
    expect(record).toMatchObject({ direction: 'outbound', endReason: 'cancelled', endedBy: 'local' });
    expect(record['connectedAt']).toBeUndefined();
  });

  it('records an inbound call the SIP.js caller gives up on while it rings as cancelled by the customer', async () => {
    scene = await openCallScene([{ number: CUSTOMER_A, stack: 'sipjs' }]);
    const { dialer, panel } = scene;
    const customer = scene.customers[0]!;

    await customer.callAgent();
    await customer.waitForState('ringing');
    await dialer.waitForState('incoming');
    await panel.waitForPhase('Ringing');
    await expect(panel.callCardText()).resolves.toContain('Inbound');
    await expect(panel.number().innerText()).resolves.toBe(CUSTOMER_A);

    await customer.hangUp();
    await dialer.waitForState('ended');
    await panel.waitForPhase('Ended');
    await expect(panel.callCardText()).resolves.toContain('Cancelled before answer');

    const record = await waitForEndedRecord(panel, CUSTOMER_A);
    expect(record).toMatchObject({ direction: 'inbound', endReason: 'cancelled', endedBy: 'remote' });
    expect(record['connectedAt']).toBeUndefined();
  });

  // The dialer shows JsSIP's name for the SIP status it received: 486 is "Busy", 603 "Rejected".
  it.each([
    { status: '486', cause: 'Busy' },
    { status: '603', cause: 'Rejected' },
  ])('records a call the customer turns down with $status as rejected by the customer', async ({ status, cause }) => {
    scene = await openCallScene([
      { number: CUSTOMER_A, stack: 'sipjs', params: { mode: 'reject', rejectStatus: status, answerAfterMs: RINGS_FOR_MS } },
    ]);
    const { dialer, panel } = scene;
    const customer = scene.customers[0] as SipJsCustomerPage;

    await dialer.dial(CUSTOMER_A);
    await customer.waitForState('incoming');
    await panel.waitForPhase('Ringing');
    await dialer.waitForState('ended');
    await expect(dialer.page.textContent('#call-state')).resolves.toBe(`ended (${cause})`);
    await customer.waitForState('ended');
    await panel.waitForPhase('Ended');
    await expect(panel.callCardText()).resolves.toContain('Rejected');

    const record = await waitForEndedRecord(panel, CUSTOMER_A);
    expect(record).toMatchObject({ direction: 'outbound', endReason: 'rejected', endedBy: 'remote' });
    expect(record['connectedAt']).toBeUndefined();
  });

  it('keeps the connected call in front while a second caller is turned away busy (call waiting)', async () => {
    scene = await openCallScene([
      { number: CUSTOMER_A, stack: 'sipjs', params: { answerAfterMs: '500' } },
      { number: CUSTOMER_B, stack: 'sipjs' },
    ]);
    const { dialer, panel } = scene;
    const [customerA, customerB] = scene.customers as [SipJsCustomerPage, SipJsCustomerPage];
    const view = new CallScenarioPanel(panel);

    await dialer.dial(CUSTOMER_A);
    await customerA.waitForState('connected');
    await panel.waitForPhase('Connected');

    // B calls the agent mid-call: the demo dialer has one line and answers 486 Busy Here.
    await customerB.callAgent();
    await customerB.waitForState('ended');
    await expect(customerB.callStateText()).resolves.toBe('ended (Busy Here)');
    const missed = await waitForEndedRecord(panel, CUSTOMER_B);
    expect(missed).toMatchObject({ direction: 'inbound', endReason: 'rejected', endedBy: 'local', source: 'sip-ws' });
    expect(missed['connectedAt']).toBeUndefined();

    // What the agent sees: one call card, still the connected call with A; the first call is untouched.
    await dialer.waitForState('connected');
    await expect(view.callCardCount()).resolves.toBe(1);
    await expect(panel.number().innerText()).resolves.toBe(CUSTOMER_A);
    await expect(panel.phase().innerText()).resolves.toBe('Connected');
    const live = await readCallRecords(panel.page);
    expect(live.find((record) => record['remoteNumber'] === CUSTOMER_A)).toMatchObject({ phase: 'connected' });

    // After the call with A, the recent calls list shows both, the turned-away caller included.
    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    await expect(panel.number().innerText()).resolves.toBe(CUSTOMER_A);
    expect(await waitForEndedRecord(panel, CUSTOMER_A)).toMatchObject({ endReason: 'hangup', endedBy: 'local' });
    const recent = await waitFor(async () => ((await view.recentCalls()).length === 2 ? view.recentCalls() : undefined), {
      timeoutMs: 5_000,
      what: 'both calls in the recent calls list',
    });
    expect(recent.some((line) => line.includes(CUSTOMER_B) && line.includes('Inbound'))).toBe(true);
    expect(recent.some((line) => line.includes(CUSTOMER_A) && line.includes('Outbound'))).toBe(true);
  });
});
