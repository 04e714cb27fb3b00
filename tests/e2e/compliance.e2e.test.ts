import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { pickWindowCandidate } from '../fixtures/calling-window-candidates';
import { openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

/**
 * Compliance in real Chromium: the countdown during a real demo call, and the pre-dial guard on a call whose
 * local time is outside its window. Which number (and so which zone) is chosen at test time from the engine's
 * own verdict (tests/fixtures/calling-window-candidates.ts, whose test proves one candidate is open and one
 * closed at every minute of the year), so both tests hold at any hour.
 */
const pick = (open: boolean) => pickWindowCandidate(open, Date.now());

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

    await dialer.dial(chosen.number);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');
    await panel.showCallingRules();

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

  it('ends an attempt outside its window before it is answered, says so, and lets the agent call anyway with a recorded reason', async () => {
    const chosen = pick(false);
    // The customer answers late enough that only a guard that cancels by itself can stop the call in time.
    scene = await openDemoCallFixture({ customerNumber: chosen.number, answerAfterMs: 3_000 });
    const { dialer, panel } = scene;

    await dialer.dial(chosen.number);
    // OnScript pressed the dialer's Hang up before the answer: JsSIP sent CANCEL.
    await dialer.waitForState('ended');
    await expect(dialer.page.locator('#call-state').innerText()).resolves.toMatch(/^ended \(Canceled\)/);
    await panel.waitForPhase('Ended');
    const guard = await waitFor(
      async () => {
        const found = await guardText(dialer.page);
        return found?.text.includes('The call has ended.') ? found : undefined;
      },
      { timeoutMs: 10_000, what: 'the pre-dial guard to report the ended attempt' },
    );
    expect(guard.closed).toBe(true);
    // In the dialer's page only what the agent needs: blocked, until when, the class of the rule (issue 14, item 8).
    expect(guard.text).toContain('This call must not go ahead.');
    expect(guard.text).not.toContain(chosen.profile);
    expect(guard.text).toContain('OnScript ended this call attempt before it was answered: Outside the calling window.');
    expect(guard.text).toContain(`debtor time, ${chosen.verdict.timeZones[0]!}`);
    expect(guard.text).toContain('Details are in the OnScript side panel.');
    for (const reason of chosen.verdict.reasons) expect(guard.text).not.toContain(reason);

    // The page cannot make it go away: removed, it comes back; hidden by a stylesheet, it still shows.
    await dialer.page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'onscript-guard { display: none !important; visibility: hidden !important; }';
      document.head.append(style);
      document.querySelector('onscript-guard')?.remove();
    });
    await waitFor(() => dialer.page.evaluate(() => document.querySelector('onscript-guard') !== null), {
      timeoutMs: 3_000,
      what: 'the guard to come back',
    });
    await expect(
      dialer.page.evaluate(() => {
        const host = document.querySelector('onscript-guard')!;
        const { display, visibility } = getComputedStyle(host);
        return { display, visibility };
      }),
    ).resolves.toEqual({ display: 'block', visibility: 'visible' });

    const ended = async () => {
      const records = (await readCallRecords(panel.page)).sort((a, b) => Number(a['startedAt']) - Number(b['startedAt']));
      return records.length > 0 && records.every((record) => record['phase'] === 'ended') ? records : undefined;
    };
    const [attempt] = await waitFor(ended, { timeoutMs: 5_000, what: 'the cancelled attempt on record' });
    expect(attempt).toMatchObject({ endReason: 'cancelled', remoteNumber: chosen.number });
    type Event = { kind: string; code: string; reason?: string };
    expect((attempt?.['complianceEvents'] as Event[]).map((event) => [event.kind, event.code])).toEqual([['block', 'outside-window']]);

    // Keyboard only: the guard focused the reason; Tab reaches "Call anyway".
    const reason = 'debtor asked to be called right now';
    await dialer.page.keyboard.type(reason);
    await dialer.page.keyboard.press('Tab');
    await dialer.page.keyboard.press('Enter');
    await waitFor(async () => (await guardText(dialer.page))?.text.includes('Redial within 10 minutes'), {
      timeoutMs: 5_000,
      what: 'the override to be recorded',
    });
    // Focus moved to Close; the agent closes the guard and redials.
    await dialer.page.keyboard.press('Enter');
    await waitFor(async () => (await guardText(dialer.page)) === undefined, { timeoutMs: 5_000, what: 'the guard to close' });

    await dialer.dial(chosen.number);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');
    // Not blocked again: no guard over the redial.
    expect(await guardText(dialer.page)).toBeUndefined();
    // The side panel still says, in red, that the call is outside the window, counting to the next opening.
    await panel.showCallingRules();
    const countdown = panel.page.getByTestId('compliance-countdown');
    await countdown.waitFor({ timeout: 10_000 });
    await expect(countdown.getAttribute('data-state')).resolves.toBe('closed');
    await expect(countdown.locator('time').getAttribute('datetime')).resolves.toBe(new Date(chosen.verdict.opensAt!).toISOString());
    await dialer.hangUp();
    await dialer.waitForState('ended');
    await panel.waitForPhase('Ended');

    const records = await waitFor(async () => ((await ended())?.length === 2 ? await ended() : undefined), {
      timeoutMs: 5_000,
      what: 'both calls on record',
    });
    const [first, redial] = records;
    const kinds = (record: Record<string, unknown> | undefined) =>
      (record?.['complianceEvents'] as Event[]).map((event) => [event.kind, event.code, event.reason]);
    expect(kinds(first)).toEqual([
      ['block', 'outside-window', undefined],
      ['override', 'pre-dial-guard', reason],
    ]);
    expect(kinds(redial)).toEqual([
      ['block', 'outside-window', undefined],
      ['override', 'pre-dial-guard', reason],
    ]);
    expect(redial).toMatchObject({ endReason: 'hangup', endedBy: 'local', remoteNumber: chosen.number });
  });
});
