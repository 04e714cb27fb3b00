import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOM_RULES, DEMO_DIALER_MARKERS } from '../../../lib/detection/default-dom-rules';
import {
  createDomCallTracker,
  createDomWatchScheduler,
  domObserverInit,
  findDomRule,
  parseDomRules,
  readDomCallState,
  readDomFields,
  type DomElementLike,
  type DomQueryRoot,
  type DomRule,
  type SchedulerTimers,
} from '../../../lib/detection/dom-rules';

import { demoAccountFor } from '../../../demo/demo-accounts';
import { cnCardLoanPack } from '../../../lib/packs/defaults';
import { pageValueOffers } from '../../../lib/script/page-values';

const demoRule = DEFAULT_DOM_RULES[0]!;

/** The demo dialer's call panel in a given state, as markup using the shipped marker attributes. */
function demoPage(opts: { hangup?: boolean; timer?: string; remote?: string; hold?: boolean; incoming?: boolean }) {
  const a = DEMO_DIALER_MARKERS.attribute;
  const hidden = (shown: boolean | undefined) => (shown ? '' : ' hidden');
  const html = `<!doctype html><html><body>
    <header><h1>Demo dialer</h1></header>
    <section ${a}="call-panel">
      <div ${a}="incoming-call"${hidden(opts.incoming)}>Incoming call</div>
      <span ${a}="remote-number">${opts.remote ?? ''}</span>
      <span ${a}="call-timer">${opts.timer ?? ''}</span>
      <span ${a}="hold-indicator"${hidden(opts.hold)}>On hold</span>
      <button ${a}="hangup"${hidden(opts.hangup)}>Hang up</button>
    </section></body></html>`;
  // The shipped demo rule also treats a disabled hang-up button as not shown; this fixture hides it instead.
  return parseHTML(html).document as unknown as DomQueryRoot;
}

describe('parseDomRules', () => {
  it('accepts the shipped default rules unchanged', () => {
    const result = parseDomRules(JSON.parse(JSON.stringify(DEFAULT_DOM_RULES)));
    expect(result).toEqual({ ok: true, rules: JSON.parse(JSON.stringify(DEFAULT_DOM_RULES)) });
  });

  it('reports every error with its path', () => {
    const result = parseDomRules([
      {
        id: 'Bad Id!',
        origins: ['https://apps.mypurecloud.*', 42],
        selectors: { hangupControl: 'button{color:red}', callTimer: '', extra: '.x' },
        attributeFilter: ['hidden', 'on click'],
        script: 'alert(1)',
      },
      { id: 'wild-rule', origins: ['https://*/*'], selectors: { container: '#panel' } },
      { id: 'ok-rule', origins: ['https://dialer.example.com/*'], selectors: { callTimer: '.t' } },
      { id: 'ok-rule', origins: ['https://dialer.example.com/*'], selectors: { callTimer: '.t' } },
      'not a rule',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      '$[0].script',
      '$[0].id',
      '$[0].origins[0]',
      '$[0].origins[1]',
      '$[0].selectors.extra',
      '$[0].selectors.hangupControl',
      '$[0].selectors.callTimer',
      '$[0].attributeFilter[1]',
      '$[1].origins[0]',
      '$[1].selectors',
      '$[3].id',
      '$[4]',
    ]);
    expect(result.errors.find((e) => e.path === '$[3].id')?.message).toBe('duplicate id "ok-rule"');
    expect(result.errors.find((e) => e.path === '$[0].origins[0]')?.message).toBe('the last host label cannot be a wildcard');
  });

  it('enforces size limits', () => {
    const rule = (i: number) => ({ id: `r${i}`, origins: ['https://x.example.com/*'], selectors: { callTimer: '.t' } });
    expect(parseDomRules(Array.from({ length: 101 }, (_, i) => rule(i)))).toEqual({
      ok: false,
      errors: [{ path: '$', message: 'at most 100 rules' }],
    });
    const long = parseDomRules([{ ...rule(1), selectors: { callTimer: `.${'a'.repeat(600)}` } }]);
    expect(long.ok ? [] : long.errors.map((e) => e.message)).toEqual(['longer than 512 characters']);
    const origins = parseDomRules([{ ...rule(1), origins: Array.from({ length: 21 }, () => 'https://x.example.com/*') }]);
    expect(origins.ok ? [] : origins.errors.map((e) => e.path)).toEqual(['$[0].origins']);
    expect(parseDomRules({ rules: [] })).toEqual({ ok: false, errors: [{ path: '$', message: 'expected an array of rules' }] });
  });

  it('returns only validated fields, trimmed', () => {
    const result = parseDomRules([{ id: 'a', origins: ['https://x.example.com/*'], selectors: { callTimer: '  .t  ' } }]);
    expect(result).toEqual({ ok: true, rules: [{ id: 'a', origins: ['https://x.example.com/*'], selectors: { callTimer: '.t' } }] });
  });

  it('finds the rule for a page URL', () => {
    expect(findDomRule(DEFAULT_DOM_RULES, 'http://127.0.0.1:4173/demo/')).toBe(demoRule);
    expect(findDomRule(DEFAULT_DOM_RULES, 'http://localhost:8080/')).toBe(demoRule);
    expect(findDomRule(DEFAULT_DOM_RULES, 'https://127.0.0.1/')).toBeUndefined();
    expect(findDomRule(DEFAULT_DOM_RULES, 'http://example.com/')).toBeUndefined();
  });
});

describe('readDomCallState on the demo dialer markup (linkedom)', () => {
  it('sees no call on an idle panel', () => {
    expect(readDomCallState(demoPage({}), demoRule)).toEqual({ inCall: false, onHold: false, incoming: false });
  });

  it('sees an incoming call with its number', () => {
    expect(readDomCallState(demoPage({ incoming: true, remote: ' +86 138 0013 8000 ' }), demoRule)).toEqual({
      inCall: false,
      onHold: false,
      incoming: true,
      remote: '+86 138 0013 8000',
    });
  });

  it('sees a connected call, then a held one', () => {
    expect(readDomCallState(demoPage({ hangup: true, timer: '00:42', remote: '+14155552671' }), demoRule)).toEqual({
      inCall: true,
      onHold: false,
      incoming: false,
      remote: '+14155552671',
      timerText: '00:42',
    });
    expect(readDomCallState(demoPage({ hangup: true, timer: '01:05', hold: true }), demoRule)).toMatchObject({
      inCall: true,
      onHold: true,
    });
  });

  it('treats an element inside a hidden ancestor as not shown', () => {
    const { document } = parseHTML(
      '<div hidden><button data-onscript-demo="hangup">x</button></div><span data-onscript-demo="call-timer"></span>',
    );
    expect(readDomCallState(document as unknown as DomQueryRoot, demoRule).inCall).toBe(false);
  });

  it('keeps page text as capped plain text', () => {
    const { document } = parseHTML(
      `<span data-onscript-demo="remote-number"><b>+1\u202e555</b><script>x</script>${'9'.repeat(200)}</span>`,
    );
    const state = readDomCallState(document as unknown as DomQueryRoot, demoRule);
    expect(state.remote).toHaveLength(64);
    expect(state.remote!.startsWith('+1 555x')).toBe(true);
  });
});

describe('readDomCallState on a minimal fake root', () => {
  const el = (text: string, attrs: Record<string, string> = {}): DomElementLike => ({
    textContent: text,
    getAttribute: (name) => attrs[name] ?? null,
  });

  it('works with only querySelector and getAttribute, and survives a throwing selector', () => {
    const rule: DomRule = {
      id: 'fake',
      origins: ['https://x.example.com/*'],
      selectors: { hangupControl: 'BAD[', callTimer: '.timer', holdIndicator: '.hold', remoteNumber: '.num' },
    };
    const elements: Record<string, DomElementLike> = {
      '.timer': el('0:07'),
      '.hold': el('Hold', { 'aria-hidden': 'true' }),
      '.num': el('555 0100'),
    };
    const root: DomQueryRoot = {
      querySelector(selector) {
        if (selector === 'BAD[') throw new SyntaxError('bad selector');
        return elements[selector] ?? null;
      },
    };
    expect(readDomCallState(root, rule)).toEqual({
      inCall: true,
      onHold: false,
      incoming: false,
      remote: '555 0100',
      timerText: '0:07',
    });
  });

  it('does not count a timer without digits as a call', () => {
    const rule: DomRule = { id: 'f', origins: ['https://x.example.com/*'], selectors: { callTimer: '.t' } };
    const root: DomQueryRoot = { querySelector: () => el('--:--') };
    expect(readDomCallState(root, rule).inCall).toBe(false);
  });
});

describe('createDomCallTracker', () => {
  it('turns DOM states of an inbound call into signals, once per change', () => {
    const tracker = createDomCallTracker(demoRule);
    const states = [
      { inCall: false, onHold: false, incoming: false },
      { inCall: false, onHold: false, incoming: true, remote: '+15550000001' },
      { inCall: true, onHold: false, incoming: false, remote: '+15550000001', timerText: '00:00' },
      { inCall: true, onHold: false, incoming: false, remote: '+15550000001', timerText: '00:01' },
      { inCall: true, onHold: true, incoming: false, remote: '+15550000001', timerText: '00:05' },
      { inCall: false, onHold: false, incoming: false },
    ];
    const signals = states.flatMap((s, i) => tracker.update(s, i * 1000));
    expect(signals.map((s) => [s.phase, s.direction])).toEqual([
      ['ringing', 'inbound'],
      ['connected', 'inbound'],
      ['held', 'inbound'],
      ['ended', 'inbound'],
    ]);
    expect(signals[0]).toMatchObject({ source: 'dom', layer: 'dom', confidence: 0.6, callKey: 'dom:onscript-demo-dialer:1' });
    expect(signals[3]).toMatchObject({ endReason: 'hangup', endedBy: 'unknown' });
  });

  it('reports an outbound attempt abandoned before answer as cancelled, and numbers the next call anew', () => {
    const tracker = createDomCallTracker(demoRule);
    const first = [
      ...tracker.update({ inCall: true, onHold: false, incoming: false, remote: '+15550000002' }, 1),
      ...tracker.update({ inCall: false, onHold: false, incoming: false }, 2),
    ];
    expect(first.map((s) => [s.phase, s.direction, s.endReason])).toEqual([
      ['dialing', 'outbound', undefined],
      ['ended', 'outbound', 'cancelled'],
    ]);
    expect(tracker.update({ inCall: true, onHold: false, incoming: false }, 3)[0]!.callKey).toBe('dom:onscript-demo-dialer:2');
  });

  it('calls a live call connected when the rule has no timer to tell', () => {
    const rule: DomRule = { id: 'no-timer', origins: ['https://x.example.com/*'], selectors: { hangupControl: '.h' } };
    const tracker = createDomCallTracker(rule);
    expect(tracker.update({ inCall: true, onHold: false, incoming: false }, 1)[0]!.phase).toBe('connected');
  });
});

describe('domObserverInit', () => {
  it('observes attributes only through the rule filter', () => {
    expect(domObserverInit(demoRule)).toEqual({
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['hidden', 'aria-hidden', 'disabled'],
    });
    const bare: DomRule = { id: 'b', origins: ['https://x.example.com/*'], selectors: { callTimer: '.t' } };
    expect(domObserverInit(bare)).toEqual({ subtree: true, childList: true, characterData: true, attributes: false });
  });
});

/** A fake clock with timers run by advancing time. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: SchedulerTimers = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = end;
  }
  return { timers, advance, pendingCount: () => pending.size };
}

describe('createDomWatchScheduler', () => {
  function setup(active: { value: boolean }) {
    const clock = fakeTimers();
    const log: string[] = [];
    const scheduler = createDomWatchScheduler({
      timers: clock.timers,
      batchMs: 100,
      maxLatencyMs: 1000,
      idleMs: 10_000,
      observe: () => log.push('observe'),
      unobserve: () => log.push('unobserve'),
      evaluate: () => {
        log.push('evaluate');
        return active.value;
      },
    });
    return { clock, log, scheduler };
  }

  it('starts parked and ignores mutation callbacks until woken', () => {
    const { scheduler, log } = setup({ value: false });
    expect(scheduler.mode()).toBe('parked');
    scheduler.markDirty();
    expect(log).toEqual([]);
    scheduler.wake();
    expect(scheduler.mode()).toBe('watching');
    expect(log).toEqual(['observe', 'evaluate']);
  });

  it('batches a mutation storm into a few evaluations', () => {
    const { scheduler, clock } = setup({ value: true });
    scheduler.wake();
    // 2,000 mutations per second for 2 s, one every 0.5 ms.
    for (let i = 0; i < 4000; i += 1) {
      scheduler.markDirty();
      clock.advance(0.5);
    }
    const { evaluations, dirtyMarks } = scheduler.stats();
    expect(dirtyMarks).toBe(4000);
    expect(evaluations).toBeGreaterThanOrEqual(19);
    expect(evaluations).toBeLessThanOrEqual(22);
  });

  it('disconnects while a batch is pending and reconnects before reading, so a storm costs one callback per batch', () => {
    const { scheduler, clock, log } = setup({ value: true });
    scheduler.wake();
    clock.advance(10);
    log.length = 0;
    scheduler.markDirty();
    expect(log).toEqual(['unobserve']);
    clock.advance(100);
    expect(log).toEqual(['unobserve', 'observe', 'evaluate']);
    // A second window: one disconnection again, however many callbacks a (fake) observer still delivered.
    scheduler.markDirty();
    scheduler.markDirty();
    clock.advance(100);
    expect(log.slice(3)).toEqual(['unobserve', 'observe', 'evaluate']);
    expect(scheduler.stats().pauses).toBe(2);
  });

  it('does not reconnect a paused observer once stopped', () => {
    const { scheduler, clock, log } = setup({ value: true });
    scheduler.wake();
    clock.advance(10);
    scheduler.markDirty();
    scheduler.stop();
    clock.advance(1_000);
    expect(log).toEqual(['observe', 'evaluate', 'unobserve']);
  });

  it('evaluates at once when the last evaluation is old, without waiting on a (throttled) timer', () => {
    const { scheduler, clock, log } = setup({ value: true });
    scheduler.wake();
    clock.advance(5000);
    log.length = 0;
    scheduler.markDirty();
    expect(log).toEqual(['evaluate']);
  });

  it('disconnects when idle and reconnects on wake', () => {
    const active = { value: true };
    const { scheduler, clock, log } = setup(active);
    scheduler.wake();
    clock.advance(60_000);
    expect(scheduler.mode()).toBe('watching');
    active.value = false;
    scheduler.markDirty();
    clock.advance(9_999);
    expect(scheduler.mode()).toBe('watching');
    clock.advance(1);
    expect(scheduler.mode()).toBe('parked');
    expect(log.filter((l) => l !== 'evaluate')).toEqual(['observe', 'unobserve']);
    scheduler.wake();
    expect(scheduler.mode()).toBe('watching');
    expect(scheduler.stats().observes).toBe(2);
  });

  it('stops for good and leaves no timers behind', () => {
    const { scheduler, clock, log } = setup({ value: false });
    scheduler.wake();
    scheduler.markDirty();
    scheduler.stop();
    expect(scheduler.mode()).toBe('stopped');
    expect(clock.pendingCount()).toBe(0);
    scheduler.wake();
    expect(log).toEqual(['observe', 'evaluate', 'unobserve']);
  });

  it('keeps running when evaluate throws', () => {
    const clock = fakeTimers();
    const scheduler = createDomWatchScheduler({
      timers: clock.timers,
      observe: () => undefined,
      unobserve: () => undefined,
      evaluate: () => {
        throw new Error('page broke');
      },
    });
    expect(() => scheduler.wake()).not.toThrow();
    expect(scheduler.stats().evaluations).toBe(1);
  });
});

describe('DOM rule fields: what the open page shows about the debtor', () => {
  const rule = (fields: unknown) => [{ id: 'crm', origins: ['https://crm.example.com/*'], selectors: { hangupControl: '.hangup' }, fields }];

  it('accepts variable → selector fields and reads their text, shown and non-empty only', () => {
    const parsed = parseDomRules(rule({ 'location.region': '#state', 'location.postalCode': '#zip', 'debtor.name': '.name', 'debt.amount': '.amount' }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { document } = parseHTML(
      '<div><span id="state"> California </span><span id="zip">94105</span><span class="name" hidden>Ann</span><span class="amount"></span></div>',
    );
    expect(readDomFields(document as unknown as DomQueryRoot, parsed.rules[0]!)).toEqual({ 'location.region': 'California', 'location.postalCode': '94105' });
  });

  it('refuses bad keys, bad selectors and too many fields, with their paths', () => {
    const parsed = parseDomRules(rule({ 'Location.Region': '#s', '__proto__.x': '#p', 'debtor.name': 'a { color: red }', 'x.y': '' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((error) => error.path)).toEqual([
      '$[0].fields.Location.Region',
      '$[0].fields.__proto__.x',
      '$[0].fields.debtor.name',
      '$[0].fields.x.y',
    ]);
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`field${i}`, '#x']));
    expect(parseDomRules(rule(many))).toMatchObject({ ok: false, errors: [{ path: '$[0].fields' }] });
  });
});

describe('the demo dialer’s account card (issue 16, item 2)', () => {
  /** The shipped demo dialer page, with its account card filled as demo/dialer.ts fills it during a call. */
  function dialerPage(number: string | undefined) {
    const { document } = parseHTML(readFileSync(new URL('../../../demo/dialer.html', import.meta.url), 'utf8'));
    const account = number === undefined ? undefined : demoAccountFor(number);
    const card = document.querySelector('[data-onscript-demo="crm"]')!;
    if (account) card.removeAttribute('hidden');
    const set = (marker: string, text: string) => (document.querySelector(`[data-onscript-demo="${marker}"]`)!.textContent = text);
    set('crm-name', account?.name ?? '');
    set('crm-amount', account?.amountOwed ?? '');
    set('crm-due-date', account?.dueDate ?? '');
    set('crm-reference', account?.reference ?? '');
    return document as unknown as DomQueryRoot;
  }

  it('is read by the shipped rule while a call is on it, and offered for the pack’s form in the form’s format', () => {
    const fields = readDomFields(dialerPage('13800138000'), demoRule);
    expect(fields).toEqual({ 'customer.name': '张伟', 'debt.amount': '¥12,345.60', 'debt.dueDate': '2026年3月4日', 'debtor.ref': 'CC-2026-0042' });
    const offers = pageValueOffers({ variables: cnCardLoanPack.variables, fields, values: {}, debtorRef: '' });
    expect(Object.fromEntries(offers.map((offer) => [offer.key, offer.value]))).toEqual({
      'debtor.ref': 'CC-2026-0042',
      'customer.name': '张伟',
      'debt.amount': '12345.60',
      'debt.dueDate': '2026-03-04',
    });
  });

  it('reads nothing between calls, when the card is hidden', () => {
    expect(readDomFields(dialerPage(undefined), demoRule)).toEqual({});
  });
});
