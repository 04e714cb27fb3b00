import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { evaluateCallingWindow } from '../../lib/compliance/calling-window';
import { openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

/**
 * Compliance in real Chromium: the countdown during a real demo call, and the pre-dial guard on a call whose
 * local time is outside its window. Which number (and so which zone) is chosen at test time from the engine's
 * own verdict, so both tests hold at any hour: between them the candidates cover every UTC hour open and closed.
 */
const CANDIDATES = [
  { profile: 'CN-CBA-2026', number: '13800138000' },
  { profile: 'US-FDCPA', number: '2127365000' },
  { profile: 'US-FDCPA', number: '3125550199' },
  { profile: 'US-FDCPA', number: '8089568111' },
] as const;
/** The chosen window must not change during the test. */
const MARGIN_MS = 5 * 60_000;

function pick(open: boolean) {
  const now = Date.now();
  for (const candidate of CANDIDATES) {
    const verdict = evaluateCallingWindow({ phone: candidate.number, at: now, profile: candidate.profile });
    const boundary = verdict.allowed ? verdict.closesAt : verdict.opensAt;
    if (verdict.allowed === open && boundary !== undefined && boundary - now > MARGIN_MS) return { ...candidate, verdict };
  }
  throw new Error(`no candidate number is ${open ? 'inside' : 'outside'} its window now`);
}

async function chooseProfile(extensionPage: Page, profileId: string): Promise<void> {
  await extensionPage.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await chrome.storage.local.set({ 'compliance.profileId': id });
  }, profileId);
}

/** The text inside the guard's closed shadow root, read through the DevTools protocol (scripts cannot reach it). */
async function guardText(page: Page): Promise<{ closed: boolean; text: string } | undefined> {
  type DomNode = { localName?: string; nodeType: number; nodeValue?: string; children?: DomNode[]; shadowRoots?: DomNode[]; shadowRootType?: string };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (node: DomNode): DomNode | undefined => {
      if (node.localName === 'onscript-guard') return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    const host = find(root);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return undefined;
    const texts: string[] = [];
    const collect = (node: DomNode) => {
      if (node.localName === 'style') return;
      if (node.nodeType === 3 && node.nodeValue) texts.push(node.nodeValue);
      for (const child of node.children ?? []) collect(child);
    };
    collect(shadow);
    return { closed: shadow.shadowRootType === 'closed', text: texts.join(' ') };
  } finally {
    await cdp.detach();
  }
}

describe('compliance in a real call', () => {
  let scene: DemoCallFixture | undefined;
  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  it("counts down the debtor's window in the side panel during a call", async () => {
    const chosen = pick(true);
    scene = await openDemoCallFixture({ customerNumber: chosen.number });
    const { dialer, panel } = scene;
    await chooseProfile(panel.page, chosen.profile);

    await dialer.dial(chosen.number);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');

    const time = panel.page.getByTestId('compliance-timer').locator('time');
    await time.waitFor({ timeout: 10_000 });
    await expect(time.getAttribute('datetime')).resolves.toBe(new Date(chosen.verdict.closesAt!).toISOString());
    await expect(panel.page.getByTestId('compliance-countdown').getAttribute('data-state')).resolves.toBe('open');
    const zone = chosen.verdict.timeZones[0]!;
    await expect(panel.page.getByTestId('compliance-zones').innerText()).resolves.toBe(zone);
    await expect(panel.page.getByTestId('compliance-local-time').innerText()).resolves.toContain(zone);
    await expect(panel.page.getByTestId('compliance-caps-note').innerText()).resolves.toContain("this browser's call log");
    await expect(panel.page.getByTestId('compliance-profile').innerText()).resolves.toContain(chosen.profile);

    // The countdown is derived from the clock: it moves, in h:mm:ss, while the call card's own timer runs too.
    const before = await time.innerText();
    expect(before).toMatch(/^\d+:\d{2}:\d{2}$/);
    await waitFor(async () => (await time.innerText()) !== before, { timeoutMs: 4_000, what: 'the countdown to move' });
    await expect(panel.timer().innerText()).resolves.toMatch(/^\d+:\d{2}/);
    // Inside its window the guard stays away.
    expect(await guardText(dialer.page)).toBeUndefined();

    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    const [record] = await readCallRecords(panel.page);
    expect(record?.['complianceEvents']).toBeUndefined();
  });

  it('warns over the dialer when a call starts outside its window, records an override with its reason, and ends the call', async () => {
    const chosen = pick(false);
    scene = await openDemoCallFixture({ customerNumber: chosen.number, answerAfterMs: 1_500 });
    const { dialer, panel } = scene;
    await chooseProfile(panel.page, chosen.profile);

    await dialer.dial(chosen.number);
    const guard = await waitFor(() => guardText(dialer.page), { timeoutMs: 10_000, what: 'the pre-dial guard' });
    expect(guard.closed).toBe(true);
    expect(guard.text).toContain('This call must not go ahead under');
    expect(guard.text).toContain(chosen.profile);
    expect(guard.text).toContain('Outside the calling window');
    expect(guard.text).toContain(`debtor time, ${chosen.verdict.timeZones[0]!}`);
    expect(guard.text).toContain('OnScript does not stop the call by itself');

    // The side panel says the same, in red, counting to the next opening.
    const countdown = panel.page.getByTestId('compliance-countdown');
    await countdown.waitFor({ timeout: 10_000 });
    await expect(countdown.getAttribute('data-state')).resolves.toBe('closed');
    await expect(countdown.locator('time').getAttribute('datetime')).resolves.toBe(new Date(chosen.verdict.opensAt!).toISOString());

    // Keyboard only: the guard focused "End the call"; the reason field is just before it.
    await dialer.page.keyboard.press('Shift+Tab');
    await dialer.page.keyboard.type('debtor asked to be called right now');
    await dialer.page.keyboard.press('Tab');
    await dialer.page.keyboard.press('Tab');
    await dialer.page.keyboard.press('Enter');
    await waitFor(async () => (await guardText(dialer.page))?.text.includes('Override recorded with the call.'), {
      timeoutMs: 5_000,
      what: 'the override to be recorded',
    });

    await dialer.waitForState('connected');
    // "Go ahead" is gone after the override and focus is back on "End the call".
    await dialer.page.keyboard.press('Enter');
    await dialer.waitForState('ended');
    await panel.waitForPhase('Ended');
    await waitFor(async () => (await guardText(dialer.page))?.text.includes('The call has ended.'), {
      timeoutMs: 5_000,
      what: 'the guard to see the call end',
    });

    const [record] = await waitFor(
      async () => {
        const records = await readCallRecords(panel.page);
        return records[0]?.['phase'] === 'ended' ? records : undefined;
      },
      { timeoutMs: 5_000, what: 'the ended call record' },
    );
    const events = record?.['complianceEvents'] as { kind: string; code: string; reason?: string }[];
    expect(events.map((event) => [event.kind, event.code])).toEqual([
      ['block', 'outside-window'],
      ['override', 'pre-dial-guard'],
    ]);
    expect(events[1]?.reason).toBe('debtor asked to be called right now');
    expect(record).toMatchObject({ endedBy: 'local', remoteNumber: chosen.number });
  });
});
