// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { GuardOverlayOptions } from '../../../../lib/extension/content/guard-overlay';
import type { CallSignal } from '../../../../lib/calls/types';
import type { GuardVerdict } from '../../../../lib/compliance/pre-dial';

const shown: GuardOverlayOptions[] = [];
/** What happened, in order: the overlay shown, the hang-up pressed. */
const steps: string[] = [];
const ended: string[] = [];
const removed: string[] = [];
let verdict: GuardVerdict;
let release: () => void = () => {};

vi.mock('../../../../lib/extension/content/guard-overlay', () => ({
  showGuardOverlay: (options: GuardOverlayOptions) => {
    shown.push(options);
    steps.push('shown');
    return { callEnded: () => ended.push(options.outcome ?? 'none'), remove: () => removed.push(options.outcome ?? 'none') };
  },
}));
vi.mock('../../../../lib/extension/shared/messaging', () => ({
  sendToBackground: async () => ({ recorded: true }),
}));

/** The background's reply to a signal, held until the test lets it arrive (so it can change the phase first). */
const reply = (): Promise<GuardVerdict | undefined> =>
  new Promise<void>((resolve) => (release = resolve)).then(() => verdict);

const { startPreDialGuard, DEFAULT_HANG_UP_SELECTOR } = await import('../../../../lib/extension/content/pre-dial-guard');

const ctx = { isInvalid: false, onInvalidated: () => {} } as unknown as ContentScriptContext;
const signal = (phase: CallSignal['phase']): CallSignal => ({
  callKey: 'k1',
  source: 'sip-ws',
  phase,
  direction: 'outbound',
  remote: '13800138000',
  at: 1,
});
const block: GuardVerdict = {
  action: 'block',
  profileId: 'CN-CBA-2026',
  profileName: 'China',
  violations: [{ code: 'outside-window', reasons: ['late'] }],
  timeZones: ['Asia/Shanghai'],
};

function hangUpButton(attributes: Record<string, string>): { clicks: () => number } {
  const button = document.createElement('button');
  for (const [name, value] of Object.entries(attributes)) button.setAttribute(name, value);
  let clicks = 0;
  button.addEventListener('click', () => {
    clicks += 1;
    steps.push('clicked');
  });
  document.body.append(button);
  return { clicks: () => clicks };
}

const noop = () => {};
async function verdictArrives(): Promise<void> {
  await vi.waitFor(() => expect(release).not.toBe(noop));
  release();
  await vi.waitFor(() => expect(shown.length).toBeGreaterThan(0), { timeout: 3_000 });
}

beforeEach(() => {
  shown.length = 0;
  ended.length = 0;
  removed.length = 0;
  steps.length = 0;
  release = noop;
  verdict = block;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('pre-dial guard in the page', () => {
  it("ends a blocked attempt before an answer by pressing the dialer's own Hang up, after saying so", async () => {
    const hangUp = hangUpButton({ 'data-onscript-demo': 'hangup' });
    const guard = startPreDialGuard(ctx);
    guard.observe(signal('dialing'), reply());
    await verdictArrives();
    expect(shown[0]?.outcome).toBe('cancelled');
    expect(hangUp.clicks()).toBe(1);
    expect(steps).toEqual(['shown', 'clicked']);
    guard.observe({ ...signal('ended'), endReason: 'cancelled' }, Promise.resolve(undefined));
    expect(ended).toEqual(['cancelled']);
  });

  it("uses the page's DOM rule's hang-up control", async () => {
    hangUpButton({ 'data-onscript-demo': 'hangup' });
    const own = hangUpButton({ class: 'end-call' });
    const guard = startPreDialGuard(ctx);
    guard.useHangUpSelector('.end-call');
    guard.observe(signal('ringing'), reply());
    await verdictArrives();
    expect(own.clicks()).toBe(1);
  });

  it('falls back to asking the agent when no hang-up control can be found', async () => {
    const disabled = hangUpButton({ 'data-onscript-demo': 'hangup', disabled: '' });
    expect(document.querySelector(DEFAULT_HANG_UP_SELECTOR)).toBeNull();
    const guard = startPreDialGuard(ctx);
    guard.observe(signal('dialing'), reply());
    await verdictArrives();
    expect(shown[0]?.outcome).toBe('no-control');
    expect(disabled.clicks()).toBe(0);
  });

  it('does not hang up a call answered before the verdict came, nor on a warning', async () => {
    const hangUp = hangUpButton({ 'data-onscript-demo': 'hangup' });
    const guard = startPreDialGuard(ctx);
    guard.observe(signal('dialing'), reply());
    guard.observe(signal('connected'), Promise.resolve(undefined));
    await verdictArrives();
    expect(shown[0]?.outcome).toBe('answered');

    shown.length = 0;
    release = noop;
    verdict = { ...block, action: 'warn' };
    guard.observe({ ...signal('dialing'), callKey: 'k2' }, reply());
    await verdictArrives();
    expect(shown[0]?.outcome).toBeUndefined();
    expect(hangUp.clicks()).toBe(0);
  });

  it("keeps one overlay: a newer attempt's verdict replaces the older one, which no longer hears about its call", async () => {
    const guard = startPreDialGuard(ctx);
    guard.observe(signal('dialing'), reply());
    await verdictArrives();
    release = noop;
    guard.observe({ ...signal('dialing'), callKey: 'k2' }, reply());
    await vi.waitFor(() => expect(release).not.toBe(noop));
    release();
    await vi.waitFor(() => expect(shown).toHaveLength(2), { timeout: 3_000 });
    expect(removed).toHaveLength(1);
    // The first attempt ends after its overlay was replaced: the second's overlay is not told.
    guard.observe(signal('ended'), Promise.resolve(undefined));
    expect(ended).toEqual([]);
    guard.observe({ ...signal('ended'), callKey: 'k2' }, Promise.resolve(undefined));
    expect(ended).toHaveLength(1);
  });
});
