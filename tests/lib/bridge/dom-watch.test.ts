// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { watchDomRule } from '../../../lib/bridge/dom-watch';
import { DEFAULT_DOM_RULES } from '../../../lib/detection/default-dom-rules';
import type { DetectedCallSignal } from '../../../lib/detection/types';

const rule = DEFAULT_DOM_RULES[0]!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function demoPanel() {
  document.body.innerHTML = `
    <header><button id="other">x</button></header>
    <div data-onscript-demo="call-panel">
      <button data-onscript-demo="hangup" disabled>Hang up</button>
      <span data-onscript-demo="remote-number"></span>
      <span data-onscript-demo="call-timer"></span>
      <p data-onscript-demo="incoming-call" hidden>Incoming</p>
      <p data-onscript-demo="hold-indicator" hidden>On hold</p>
    </div>`;
  const q = (v: string) => document.querySelector(`[data-onscript-demo="${v}"]`) as HTMLElement;
  return { hangup: q('hangup') as HTMLButtonElement, remote: q('remote-number'), timer: q('call-timer'), hold: q('hold-indicator') };
}

describe('watchDomRule on the demo markup', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('turns the demo call panel into dialing, connected, held and ended, reading the number', async () => {
    const ui = demoPanel();
    let now = 0;
    const signals: DetectedCallSignal[] = [];
    const watch = watchDomRule(window as never, rule, (s) => signals.push(...s), () => now);
    watch.wake();
    expect(signals).toEqual([]);

    // Each change comes more than maxLatency after the last evaluation, so it is evaluated at once.
    ui.remote.textContent = '13800138000';
    ui.hangup.disabled = false;
    now += 2_000;
    await flush();
    ui.timer.textContent = '0:01';
    now += 2_000;
    await flush();
    ui.hold.hidden = false;
    now += 2_000;
    await flush();
    ui.hold.hidden = true;
    ui.hangup.disabled = true;
    ui.timer.textContent = '';
    now += 2_000;
    await flush();
    expect(signals.map((s) => s.phase)).toEqual(['dialing', 'connected', 'held', 'ended']);
    expect(signals[0]).toMatchObject({ source: 'dom', remote: '13800138000', direction: 'outbound' });
    watch.stop();
  });

  it('does not react to changes outside the call panel', async () => {
    demoPanel();
    let evaluations = 0;
    const watch = watchDomRule(window as never, rule, () => undefined, () => (evaluations += 5_000));
    watch.wake();
    const before = watch.stats().evaluations;
    document.getElementById('other')!.setAttribute('hidden', '');
    document.body.appendChild(document.createElement('div'));
    await flush();
    expect(watch.stats().evaluations).toBe(before);
    expect(watch.mode()).toBe('watching');
    watch.stop();
    expect(watch.mode()).toBe('stopped');
  });
});
