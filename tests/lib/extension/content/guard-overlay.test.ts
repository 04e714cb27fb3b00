// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showGuardOverlay } from '../../../../lib/extension/content/guard-overlay';
import {
  OVERRIDE_TTL_MS,
  activeOverride,
  createDialWatcher,
  mayCancel,
  mayDismiss,
  withOverride,
  type BlockOutcome,
} from '../../../../lib/compliance/pre-dial';
import { createTranslator } from '../../../../lib/i18n/ui-messages';
import type { GuardVerdict } from '../../../../lib/protocol/compliance-messages';

// Every overlay a test opened is removed the way OnScript removes it: one the page removes (innerHTML = '') comes back.
const shown: { remove(): void }[] = [];
afterEach(() => {
  for (const overlay of shown.splice(0)) overlay.remove();
  document.body.innerHTML = '';
});

const verdict = (action: 'warn' | 'block'): GuardVerdict & { action: 'warn' | 'block' } => ({
  action,
  profileId: 'CN-CBA-2026',
  profileName: 'China <b>guideline</b>',
  violations: [{ code: 'outside-window', reasons: ['23:00 is outside CN-CBA-2026 hours 08:00-22:00 in Asia/Shanghai'] }],
  opensAt: Date.parse('2026-03-11T00:00:00Z'),
  timeZones: ['Asia/Shanghai'],
});

function open(
  action: 'warn' | 'block',
  overrides: { hangUp?: HTMLElement | null; record?: boolean; outcome?: BlockOutcome; language?: 'en' | 'zh-CN' } = {},
) {
  // A closed root cannot be reached from its host; capture it where it is created to look inside.
  let shadow: ShadowRoot | undefined;
  const original = HTMLElement.prototype.attachShadow;
  HTMLElement.prototype.attachShadow = function (init) {
    shadow = original.call(this, init);
    return shadow;
  };
  const reasons: string[] = [];
  const overlay = track(showGuardOverlay({
    document,
    verdict: verdict(action),
    t: createTranslator(overrides.language ?? 'en'),
    language: overrides.language ?? 'en',
    ...(overrides.outcome ? { outcome: overrides.outcome } : {}),
    findHangUp: () => (overrides.hangUp === undefined ? null : overrides.hangUp),
    override: async (reason) => {
      reasons.push(reason);
      return overrides.record ?? true;
    },
  }));
  HTMLElement.prototype.attachShadow = original;
  const root = shadow!;
  const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;
  return { overlay, root, button, reasons };
}

function track<T extends { remove(): void }>(overlay: T): T {
  shown.push(overlay);
  return overlay;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('what the overlay shows inside a hostile page (issue 14, item 8)', () => {
  const detailed = (): GuardVerdict & { action: 'block' } => ({
    action: 'block',
    profileId: 'US-MA',
    profileName: 'Massachusetts (940 CMR 7.04(1)(f))',
    violations: [
      { code: 'over-cap', reasons: ['2 attempts to debtor D-4711 in the last 7 days (limit 2)', 'last attempt 2026-11-27 14:05'] },
      { code: 'do-not-call', reasons: ['cease-request flag on debtor D-4711 set 2026-11-01: "lawyer letter"'] },
    ],
    opensAt: Date.parse('2026-12-01T13:00:00Z'),
    timeZones: ['America/New_York'],
  });

  function openDetailed() {
    let shadow: ShadowRoot | undefined;
    const original = HTMLElement.prototype.attachShadow;
    HTMLElement.prototype.attachShadow = function (init) {
      shadow = original.call(this, init);
      return shadow;
    };
    const overlay = track(showGuardOverlay({
      document,
      verdict: detailed(),
      t: createTranslator('en'),
      language: 'en',
      outcome: 'cancelled',
      findHangUp: () => null,
      override: async () => true,
    }));
    HTMLElement.prototype.attachShadow = original;
    return { overlay, root: shadow!, host: document.querySelector('onscript-guard')! };
  }

  it('says blocked, until when and the class of each reason; no counts, flags, debtor or profile details', () => {
    const { root } = openDetailed();
    const text = root.textContent ?? '';
    expect(text).toContain('This call must not go ahead.');
    expect(text).toContain('Over a contact-frequency cap');
    expect(text).toContain('Number or debtor flagged do-not-call');
    expect(text).toMatch(/Next opening: .*08:00 \(debtor time, America\/New_York\)/);
    expect(text).toContain('Details are in the OnScript side panel.');
    for (const detail of ['D-4711', 'attempts', 'lawyer', 'cease-request', '2026-11', 'Massachusetts', 'US-MA', 'limit 2']) {
      expect(text, detail).not.toContain(detail);
    }
  });

  it('comes back when the page removes it, and only goes when OnScript removes it', async () => {
    const { overlay, host } = openDetailed();
    host.remove();
    await flush();
    expect(document.querySelector('onscript-guard')).toBe(host);
    // Moved into a hidden corner of the page: put back where it belongs.
    const hideout = document.createElement('div');
    hideout.style.display = 'none';
    document.body.append(hideout);
    hideout.append(host);
    await flush();
    expect(host.parentElement).toBe(document.body);
    overlay.remove();
    await flush();
    expect(document.querySelector('onscript-guard')).toBeNull();
  });

  it('gives the agent back the control they were on when the page took it away', async () => {
    const { root, host } = openDetailed();
    const input = root.querySelector('input')!;
    expect(root.activeElement).toBe(input);
    host.remove();
    await flush();
    expect(root.activeElement).toBe(input);
  });

  it('takes back attributes the page sets on it to hide or disable it', async () => {
    const { host } = openDetailed();
    host.setAttribute('hidden', '');
    host.setAttribute('style', 'display: none !important');
    host.setAttribute('inert', '');
    await flush();
    expect(host.getAttributeNames()).toEqual([]);
  });

  it('stops fighting a page that removes it in a loop, and comes back a moment later', async () => {
    const { host } = openDetailed();
    let removals = 0;
    const fight = new MutationObserver(() => {
      if (host.isConnected && removals < 1_000) {
        removals++;
        host.remove();
      }
    });
    fight.observe(document.body, { childList: true });
    host.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The page's loop did not hang the tab: the overlay backed off after a few tries.
    expect(removals).toBeLessThan(50);
    fight.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(host.isConnected).toBe(true);
  });
});

describe('pre-dial guard overlay', () => {
  it('says plainly that OnScript ended the attempt and why, leaves nothing to end, and focuses the reason to call anyway', () => {
    const { root, button, overlay } = open('block', { outcome: 'cancelled' });
    const panel = root.querySelector('[role="alertdialog"]')!;
    expect(panel.querySelector('[data-outcome="cancelled"]')?.textContent).toBe(
      'OnScript ended this call attempt before it was answered: Outside the calling window.',
    );
    expect(panel.textContent).not.toContain('End it now');
    expect(button('End the call').hidden).toBe(true);
    expect(button('Call anyway').hidden).toBe(false);
    expect(root.activeElement).toBe(root.querySelector('input'));
    // Not dismissable until the dialer reports the end; then Close appears.
    expect(button('Close').hidden).toBe(true);
    overlay.callEnded();
    expect(button('Close').hidden).toBe(false);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('The call has ended.');
  });

  it('says so in Chinese too', () => {
    const { root } = open('block', { outcome: 'cancelled', language: 'zh-CN' });
    expect(root.querySelector('[data-outcome="cancelled"]')?.textContent).toBe('OnScript 已在对方接听前结束了这次拨打：不在可拨打时段内。');
  });

  it('tells the agent to end the call when there is no hang-up control, or it was answered first', () => {
    const missing = open('block', { outcome: 'no-control' });
    expect(missing.root.querySelector('[data-outcome="no-control"]')?.textContent).toMatch(/could not end this call attempt by itself: it found no hang-up control/);
    expect(missing.button('End the call').hidden).toBe(false);
    expect((missing.root.activeElement as HTMLElement | null)?.textContent).toBe('End the call');
    document.body.innerHTML = '';
    const late = open('block', { outcome: 'answered' });
    expect(late.root.querySelector('[data-outcome="answered"]')?.textContent).toMatch(/^The call was answered before OnScript could cancel it/);
  });

  it('explains a block in a closed shadow root, as text, with the next opening and focus on ending the call', () => {
    const { root } = open('block', { outcome: 'answered' });
    const host = document.querySelector('onscript-guard') as HTMLElement;
    expect(host.shadowRoot).toBeNull();
    const panel = root.querySelector('[role="alertdialog"]')!;
    expect(panel.textContent).toContain('This call must not go ahead.');
    expect(panel.textContent).not.toContain('guideline');
    expect(root.querySelector('b')).toBeNull();
    expect(panel.querySelector('[data-code="outside-window"]')?.textContent).toContain('Outside the calling window');
    expect(panel.textContent).toMatch(/Next opening: .*08:00 \(debtor time, Asia\/Shanghai\)/);
    expect((root.activeElement as HTMLElement | null)?.textContent).toBe('End the call');
  });

  it("presses the dialer's hang-up control and says so, or says there is none", () => {
    const hangUp = document.createElement('button');
    let clicks = 0;
    hangUp.addEventListener('click', () => (clicks += 1));
    const { button, root } = open('block', { hangUp });
    button('End the call').click();
    expect(clicks).toBe(1);
    expect(root.querySelector('[role="status"]')?.textContent).toBe("OnScript pressed the dialer's Hang up for you.");

    document.body.innerHTML = '';
    const missing = open('block', { hangUp: null });
    missing.button('End the call').click();
    expect(missing.root.querySelector('[role="status"]')?.textContent).toMatch(/found no hang-up control/);
  });

  it('needs a reason to override a block, then records it, allows the redial and lets the agent close', async () => {
    const { button, root, reasons } = open('block', { outcome: 'no-control' });
    expect(button('Close').hidden).toBe(true);
    button('Call anyway').click();
    await flush();
    expect(reasons).toEqual([]);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Type a reason first.');

    root.querySelector('input')!.value = '  debtor asked to be called back now ';
    button('Call anyway').click();
    await flush();
    expect(reasons).toEqual(['debtor asked to be called back now']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Override recorded with the call. Redial within 10 minutes to call this number anyway; the override is recorded on that call too.',
    );
    expect(button('Close').hidden).toBe(false);
    expect(root.activeElement).toBe(button('End the call'));
    button('Close').click();
    expect(document.querySelector('onscript-guard')).toBeNull();
  });

  it('after an override of an attempt OnScript ended, moves focus to Close', async () => {
    const { overlay, button, root } = open('block', { outcome: 'cancelled' });
    overlay.callEnded();
    // The attempt is over but the number is still blocked: the reason stays on offer for the redial.
    expect(button('Call anyway').hidden).toBe(false);
    expect(root.querySelector('label')?.hidden).toBe(false);
    root.querySelector('input')!.value = 'promised payment call';
    button('Call anyway').click();
    await flush();
    expect(button('Call anyway').hidden).toBe(true);
    expect(root.activeElement).toBe(button('Close'));
  });

  it('says when the override could not be recorded', async () => {
    const { button, root } = open('block', { outcome: 'cancelled', record: false });
    root.querySelector('input')!.value = 'x';
    button('Call anyway').click();
    await flush();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('The override could not be recorded.');
    expect(button('Call anyway').hidden).toBe(false);
  });

  it('lets a warning be closed at once and does not steal focus; only warns; shows the end of the call', async () => {
    const { overlay, button, root } = open('warn');
    expect(root.activeElement).toBeNull();
    expect(root.querySelector('[data-outcome="warned"]')?.textContent).toMatch(/^This is a warning: OnScript does not stop the call/);
    root.querySelector('input')!.value = 'ok';
    button('Call anyway').click();
    await flush();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Override recorded with the call.');
    expect(button('Close').hidden).toBe(false);
    overlay.callEnded();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('The call has ended.');
    expect(button('End the call').hidden).toBe(true);
    expect(button('Call anyway').hidden).toBe(true);
  });
});

describe('dial watcher', () => {
  it('checks each outbound call once, at its start', () => {
    const watcher = createDialWatcher();
    expect(watcher.shouldCheck({ callKey: 'a', direction: 'outbound', phase: 'dialing' })).toBe(true);
    expect(watcher.shouldCheck({ callKey: 'a', direction: 'outbound', phase: 'ringing' })).toBe(false);
    expect(watcher.shouldCheck({ callKey: 'b', direction: 'inbound', phase: 'ringing' })).toBe(false);
    expect(watcher.shouldCheck({ callKey: 'c', direction: 'outbound', phase: 'connected' })).toBe(false);
    expect(watcher.shouldCheck({ callKey: 'c', direction: 'outbound', phase: 'dialing' })).toBe(false);
    expect(watcher.shouldCheck({ callKey: 'd', direction: 'outbound', phase: 'ringing' })).toBe(true);
  });

  it('cancels only before an answer', () => {
    expect(mayCancel('dialing')).toBe(true);
    expect(mayCancel('ringing')).toBe(true);
    expect(mayCancel(undefined)).toBe(true);
    expect(mayCancel('connected')).toBe(false);
    expect(mayCancel('held')).toBe(false);
    expect(mayCancel('ended')).toBe(false);
  });

  it('keeps an override for its number, for the rules it covered, until it expires', () => {
    const at = 1_000_000;
    const override = { reason: 'asked', codes: ['outside-window'], until: at + OVERRIDE_TTL_MS, callId: 'c1' };
    const stale = { reason: 'old', codes: ['over-cap'], until: at - 1, callId: 'c0' };
    const overrides = withOverride({ '+1999': stale }, '+8613800138000', override, at);
    expect(Object.keys(overrides)).toEqual(['+8613800138000']);
    expect(activeOverride(overrides, '+8613800138000', ['outside-window'], at + 60_000)).toBe(override);
    expect(activeOverride(overrides, '+8613800138000', ['outside-window'], at + OVERRIDE_TTL_MS)).toBeUndefined();
    expect(activeOverride(overrides, '+8613800138000', ['outside-window', 'do-not-call'], at)).toBeUndefined();
    expect(activeOverride(overrides, '+8613800138001', ['outside-window'], at)).toBeUndefined();
    expect(activeOverride(overrides, '+8613800138000', [], at)).toBeUndefined();
  });

  it('lets a block be dismissed only after the call ended or an override', () => {
    expect(mayDismiss('block', { ended: false, overridden: false })).toBe(false);
    expect(mayDismiss('block', { ended: true, overridden: false })).toBe(true);
    expect(mayDismiss('block', { ended: false, overridden: true })).toBe(true);
    expect(mayDismiss('warn', { ended: false, overridden: false })).toBe(true);
  });
});
