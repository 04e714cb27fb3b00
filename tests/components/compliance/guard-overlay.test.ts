// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { showGuardOverlay } from '../../../components/compliance/guard-overlay';
import { createDialWatcher, mayDismiss } from '../../../lib/compliance/pre-dial';
import { createTranslator } from '../../../lib/i18n/ui-messages';
import type { GuardVerdict } from '../../../lib/protocol/compliance-messages';

afterEach(() => {
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

function open(action: 'warn' | 'block', overrides: { hangUp?: HTMLElement | null; record?: boolean } = {}) {
  // A closed root cannot be reached from its host; capture it where it is created to look inside.
  let shadow: ShadowRoot | undefined;
  const original = HTMLElement.prototype.attachShadow;
  HTMLElement.prototype.attachShadow = function (init) {
    shadow = original.call(this, init);
    return shadow;
  };
  const reasons: string[] = [];
  const overlay = showGuardOverlay({
    document,
    verdict: verdict(action),
    t: createTranslator('en'),
    language: 'en',
    findHangUp: () => (overrides.hangUp === undefined ? null : overrides.hangUp),
    override: async (reason) => {
      reasons.push(reason);
      return overrides.record ?? true;
    },
  });
  HTMLElement.prototype.attachShadow = original;
  const root = shadow!;
  const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;
  return { overlay, root, button, reasons };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pre-dial guard overlay', () => {
  it('explains a block in a closed shadow root, as text, with the next opening and focus on ending the call', () => {
    const { root } = open('block');
    const host = document.querySelector('onscript-guard') as HTMLElement;
    expect(host.shadowRoot).toBeNull();
    const panel = root.querySelector('[role="alertdialog"]')!;
    expect(panel.textContent).toContain('This call must not go ahead under China <b>guideline</b> (CN-CBA-2026).');
    expect(root.querySelector('b')).toBeNull();
    expect(panel.querySelector('[data-code="outside-window"]')?.textContent).toContain('Outside the calling window');
    expect(panel.textContent).toMatch(/Next opening: .*08:00 \(debtor time, Asia\/Shanghai\)/);
    expect(panel.textContent).toContain('OnScript does not stop the call by itself');
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

  it('needs a reason to override a block, then records it and lets the agent close', async () => {
    const { button, root, reasons } = open('block');
    expect(button('Close').hidden).toBe(true);
    button('Go ahead anyway').click();
    await flush();
    expect(reasons).toEqual([]);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Type a reason first.');

    root.querySelector('input')!.value = '  debtor asked to be called back now ';
    button('Go ahead anyway').click();
    await flush();
    expect(reasons).toEqual(['debtor asked to be called back now']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Override recorded with the call.');
    expect(button('Close').hidden).toBe(false);
    expect(root.activeElement).toBe(button('End the call'));
    button('Close').click();
    expect(document.querySelector('onscript-guard')).toBeNull();
  });

  it('lets a warning be closed at once and does not steal focus; shows the end of the call', () => {
    const { overlay, button, root } = open('warn');
    expect(root.activeElement).toBeNull();
    expect(button('Close').hidden).toBe(false);
    overlay.callEnded();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('The call has ended.');
    expect(button('End the call').hidden).toBe(true);
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

  it('lets a block be dismissed only after the call ended or an override', () => {
    expect(mayDismiss('block', { ended: false, overridden: false })).toBe(false);
    expect(mayDismiss('block', { ended: true, overridden: false })).toBe(true);
    expect(mayDismiss('block', { ended: false, overridden: true })).toBe(true);
    expect(mayDismiss('warn', { ended: false, overridden: false })).toBe(true);
  });
});
