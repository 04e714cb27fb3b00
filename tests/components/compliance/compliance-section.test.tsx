// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplianceGlance } from '../../../components/compliance/compliance-glance';
import { ComplianceSection } from '../../../components/compliance/compliance-section';
import { assessNumber, type LedgerScope } from '../../../lib/compliance/assessment';
import { resolveJurisdiction } from '../../../lib/compliance/jurisdiction';
import { resolveEffectiveRules } from '../../../lib/compliance/routing';
import { withLedger } from '../../../lib/team/merge';
import { PROFILES, type NumberKind } from '../../../lib/compliance/profiles';
import type { DoNotCallFlag } from '../../../lib/compliance/dnc';
import type { LiveCall } from '../../../lib/calls/types';
import { liveCallFixture } from '../../fixtures/live-call';
import { fakeSidePanelModel, renderInPanel } from '../../fixtures/side-panel';

afterEach(cleanup);

// CN-CBA-2026: 08:00-22:00 in Asia/Shanghai, i.e. 00:00-14:00 UTC.
const CLOSES = Date.parse('2026-03-10T14:00:00Z');
const OPENS = Date.parse('2026-03-11T00:00:00Z');

const liveCall = (extra: Partial<LiveCall> = {}): LiveCall => liveCallFixture({ startedAt: CLOSES - 30 * 60_000, updatedAt: CLOSES - 30 * 60_000, connectedAt: undefined, ...extra });

function scene({
  start,
  call,
  flags = [],
  languages = ['en-US'],
  ledger,
}: {
  start: number;
  call?: LiveCall;
  flags?: DoNotCallFlag[];
  languages?: string[];
  ledger?: LedgerScope;
}) {
  const asked: string[] = [];
  const marked: Array<[string, NumberKind]> = [];
  const kinds = new Map<string, NumberKind>();
  const model = fakeSidePanelModel({
    now: () => start,
    browserLanguages: languages,
    clients: {
      compliance: {
        setLocation: async () => ({ updated: false }),
        evaluate: async (phone) => {
          asked.push(phone);
          const numberKind = kinds.get(phone);
          const assessment = assessNumber({ phone, at: model.panel.clock.value, profile: PROFILES['CN-CBA-2026'], log: [], flags, ...(numberKind ? { numberKind } : {}) });
          return ledger ? withLedger(assessment, ledger, 'warn') : assessment;
        },
        setNumberKind: async (phone, kind) => {
          marked.push([phone, kind]);
          if (phone === 'refuse') throw new Error('storage is full');
          kinds.set(phone, kind);
          return { phoneE164: phone, kind, setAt: 0 };
        },
      },
    },
  });
  const panel = model.panel;
  panel.tabId.value = 3;
  panel.tabState.value = { tabId: 3, calls: call ? { [call.id]: call } : {} };
  renderInPanel(model, <ComplianceSection />);
  const tick = async (at: number) => {
    await act(async () => {
      panel.clock.value = at;
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  };
  return { panel, asked, marked, tick };
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const timeElement = () => screen.getByRole('timer').querySelector('time');
const announcement = () => screen.getByTestId('compliance-announcement').textContent;
const countdown = () => screen.getByTestId('compliance-countdown');

describe('ComplianceSection countdown', () => {
  it("counts down to the window's end for the live call's number, with local time, zone and reasons", async () => {
    const { asked } = scene({ start: CLOSES - 20 * 60_000, call: liveCall() });
    await settle();
    expect(asked).toEqual(['13800138000']);
    const timer = screen.getByRole('timer');
    expect(timer.getAttribute('aria-label')).toBe('Time left in the window');
    expect(timeElement()?.getAttribute('datetime')).toBe('2026-03-10T14:00:00.000Z');
    expect(timeElement()?.textContent).toBe('0:20:00');
    expect(countdown().dataset['state']).toBe('open');
    expect(screen.getByTestId('compliance-local-time').textContent).toContain('21:40:00');
    expect(screen.getByTestId('compliance-zones').textContent).toBe('Asia/Shanghai');
    expect(screen.getByTestId('compliance-reasons').textContent).toMatch(/Asia\/Shanghai/);
    expect(screen.queryByLabelText('Next number')).toBeNull();
    expect(announcement()).toBe('');
  });

  it('derives every tick from the clock and warns at 15, 5 and 1 minutes, once per threshold', async () => {
    const { tick } = scene({ start: CLOSES - 20 * 60_000, call: liveCall() });
    await settle();
    await tick(CLOSES - 15 * 60_000 - 1_000);
    expect(timeElement()?.textContent).toBe('0:15:01');
    expect(announcement()).toBe('');

    await tick(CLOSES - 15 * 60_000);
    expect(announcement()).toBe('Warning: the calling window closes in 15 minutes or less.');
    expect(countdown().dataset['warning']).toBe('15');
    await tick(CLOSES - 14 * 60_000 - 58_000);
    // Same threshold, same text: the live region is not re-announced every second.
    expect(announcement()).toBe('Warning: the calling window closes in 15 minutes or less.');
    expect(timeElement()?.textContent).toBe('0:14:58');

    await tick(CLOSES - 5 * 60_000);
    expect(announcement()).toBe('Warning: the calling window closes in 5 minutes or less.');
    await tick(CLOSES - 59_000);
    expect(announcement()).toBe('Warning: the calling window closes in 1 minute or less.');
    expect(timeElement()?.textContent).toBe('0:00:59');
    expect(screen.getByRole('timer').closest('[aria-live]')).toBeNull();
  });

  it('turns red and explicit when the window closes, counting to the next opening', async () => {
    const { tick, asked } = scene({ start: CLOSES - 2_000, call: liveCall() });
    await settle();
    await tick(CLOSES + 1_000);
    await settle();
    expect(asked).toHaveLength(2);
    expect(countdown().dataset['state']).toBe('closed');
    expect(countdown().className).toContain('compliance-countdown--closed');
    expect(screen.getByTestId('compliance-verdict').textContent).toBe('OUTSIDE the calling window: do not call now');
    expect(screen.getByRole('timer').getAttribute('aria-label')).toBe('Opens in');
    expect(timeElement()?.getAttribute('datetime')).toBe(new Date(OPENS).toISOString());
    expect(timeElement()?.textContent).toBe('9:59:59');
    expect(screen.getByTestId('compliance-boundary').textContent).toMatch(/Next opening: .*08:00 \(Asia\/Shanghai\)/);
    expect(announcement()).toBe('The calling window is closed.');
  });

  it('checks a typed next number before a call', async () => {
    const { asked } = scene({ start: OPENS + 3_600_000 });
    await settle();
    expect(screen.queryByRole('timer')).toBeNull();
    const input = screen.getByLabelText('Next number') as HTMLInputElement;
    input.value = '13912345678';
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    await settle();
    expect(asked).toEqual(['13912345678']);
    expect(timeElement()?.getAttribute('datetime')).toBe('2026-03-11T14:00:00.000Z');
    expect(timeElement()?.textContent).toBe('13:00:00');
  });

  it('shows caps with the local-log note and a do-not-call flag plainly', async () => {
    const flag: DoNotCallFlag = { reason: 'wrong-number', scope: 'number', phoneE164: '+8613800138000', setAt: 0 };
    scene({ start: CLOSES - 3_600_000, call: liveCall(), flags: [flag] });
    await settle();
    expect(screen.getByTestId('compliance-caps').textContent).toMatch(/Within the frequency caps\. 0 attempts/);
    expect(screen.getByTestId('compliance-caps-note').textContent).toBe(
      "Counts cover this browser's call log (plus imported attempts), not calls made from other machines.",
    );
    expect(screen.getByTestId('compliance-dnc').textContent).toBe('Flagged: do not call.');
  });

  it('says the counts are the team’s when a hub answered, and says so plainly when it could not', async () => {
    const asOf = CLOSES - 4 * 3_600_000;
    scene({ start: CLOSES - 3_600_000, call: liveCall(), ledger: { source: 'team', asOf } });
    await settle();
    const note = screen.getByTestId('compliance-caps-note');
    expect(note.textContent).toBe(`Counts cover the whole team’s calls (team hub, as of ${new Date(asOf).toLocaleString('en')}).`);
    expect(note.dataset['ledger']).toBe('team');
    cleanup();
    scene({ start: CLOSES - 3_600_000, call: liveCall(), ledger: { source: 'team-cached', asOf, problem: 'no answer' } });
    await settle();
    expect(screen.getByTestId('compliance-caps-note').textContent).toMatch(/^The team hub could not be reached: counts are the team’s as of .+ plus this browser’s calls/);
    expect(screen.getByTestId('compliance-caps-note').className).toBe('compliance__bad');
    cleanup();
    scene({ start: CLOSES - 3_600_000, call: liveCall(), ledger: { source: 'local', problem: 'no answer' }, languages: ['zh-CN'] });
    await settle();
    expect(screen.getByTestId('compliance-caps-note').textContent).toBe('无法连接团队服务器：计数仅涵盖本浏览器的通话记录。');
  });

  it('gives the reasons of the window, the caps and the do-not-call flags in Chinese to a Chinese browser', async () => {
    const flag: DoNotCallFlag = { reason: 'wrong-number', scope: 'number', phoneE164: '+8613800138000', setAt: 0 };
    scene({ start: CLOSES + 60_000, call: liveCall(), flags: [flag], languages: ['zh-CN'] });
    await settle();
    const window = screen.getByTestId('compliance-reasons').textContent ?? '';
    expect(window).toContain('不可拨打');
    expect(window).toContain('不在 CN-CBA-2026 的可拨打时段');
    expect(window).not.toMatch(/not allowed|outside/);
    const dnc = screen.getByTestId('compliance-dnc-reasons').textContent ?? '';
    expect(dnc).toContain('此号码已被报告为错号');
    expect(dnc).not.toContain('wrong number');
    cleanup();
    // The English panel keeps the English text, which is also what the record keeps as evidence.
    scene({ start: CLOSES + 60_000, call: liveCall(), flags: [flag] });
    await settle();
    expect(screen.getByTestId('compliance-reasons').textContent).toContain('is outside CN-CBA-2026 hours');
    expect(screen.getByTestId('compliance-dnc-reasons').textContent).toContain('this number was reported as a wrong number');
  });

  it('speaks Chinese to a Chinese browser', async () => {
    scene({ start: CLOSES + 60_000, call: liveCall(), languages: ['zh-CN'] });
    await settle();
    expect(screen.getByTestId('compliance-verdict').textContent).toBe('不在可拨打时段内：现在不要拨打');
    expect(screen.getByRole('timer').getAttribute('aria-label')).toBe('距开放还有');
  });
});

describe('ComplianceSection: "This is a work number"', () => {
  it('marks the number as a work number and shows the verdict fetched again; unticking marks it personal', async () => {
    const { asked, marked } = scene({ start: CLOSES - 20 * 60_000, call: liveCall() });
    await settle();
    const box = screen.getByTestId('compliance-work-number') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByLabelText('This is a work number')).toBe(box);

    await act(async () => {
      fireEvent.click(box);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await settle();
    expect(marked).toEqual([['13800138000', 'work']]);
    expect(asked).toEqual(['13800138000', '13800138000']);
    expect((screen.getByTestId('compliance-work-number') as HTMLInputElement).checked).toBe(true);

    await act(async () => {
      fireEvent.click(screen.getByTestId('compliance-work-number'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await settle();
    expect(marked.at(-1)).toEqual(['13800138000', 'personal']);
    expect((screen.getByTestId('compliance-work-number') as HTMLInputElement).checked).toBe(false);
  });

  it('on a live call, a marking made after the call’s verdict shows the verdict asked for again', async () => {
    const start = CLOSES - 20 * 60_000;
    const verdict = assessNumber({ phone: '13800138000', at: start - 60_000, profile: PROFILES['CN-CBA-2026'], log: [], flags: [] });
    const { asked } = scene({ start, call: liveCall({ verdict: { assessment: verdict } }) });
    await settle();
    // The call's own verdict is shown: nothing asked.
    expect(asked).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('compliance-work-number'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await settle();
    expect(asked).toEqual(['13800138000']);
    expect((screen.getByTestId('compliance-work-number') as HTMLInputElement).checked).toBe(true);
  });

  it('says so in Chinese when saving fails, and keeps the verdict', async () => {
    const { marked } = scene({ start: CLOSES - 20 * 60_000, call: liveCall({ remoteNumber: 'refuse' }), languages: ['zh-CN'] });
    await settle();
    await act(async () => {
      fireEvent.click(screen.getByLabelText('这是工作单位电话'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(marked).toEqual([['refuse', 'work']]);
    expect(screen.getByText('无法保存号码类型：storage is full')).toBeTruthy();
    expect(screen.getByTestId('compliance-caps')).toBeTruthy();
  });
});

describe('ComplianceGlance (the call header)', () => {
  function glance(start: number, verdictAt: number, flags: DoNotCallFlag[] = []) {
    const verdict = assessNumber({ phone: '+8613800138000', at: verdictAt, profile: PROFILES['CN-CBA-2026'], log: [], flags });
    const model = fakeSidePanelModel({ now: () => start, browserLanguages: ['en-US'] });
    model.panel.tabId.value = 3;
    model.panel.tabState.value = { tabId: 3, calls: { c1: liveCall({ remoteNumber: '+8613800138000', verdict: { assessment: verdict } }) } };
    renderInPanel(model, <ComplianceGlance />);
  }

  it('says the window is open with the time left, and the caps are fine, in words and marks as well as colour', () => {
    glance(CLOSES - 20 * 60_000, CLOSES - 30 * 60_000);
    const window = screen.getByTestId('glance-window');
    expect(window.textContent).toBe('◷Window open · 0:20:00 left');
    expect(window.className).toContain('glance__item--ok');
    expect(screen.getByTestId('glance-caps').textContent).toBe('✓Caps OK · 0 attempts / 7 days');
    expect(screen.queryByTestId('glance-dnc')).toBeNull();
  });

  it('marks a warning, and a closed window and a do-not-call flag as blocked, each with its own word', () => {
    glance(CLOSES - 10 * 60_000, CLOSES - 30 * 60_000);
    expect(screen.getByTestId('glance-window').textContent).toBe('⚠Window open · 0:10:00 left');
    expect(screen.getByTestId('glance-window').className).toContain('glance__item--warn');
    cleanup();
    const flag: DoNotCallFlag = { reason: 'cease-request', scope: 'number', phoneE164: '+8613800138000', setAt: 0 };
    glance(CLOSES + 60_000, CLOSES + 30_000, [flag]);
    expect(screen.getByTestId('glance-window').textContent).toBe('⊘Window closed · opens in 9:59:00');
    expect(screen.getByTestId('glance-dnc').textContent).toBe('⊘Do not call');
    expect(screen.queryByTestId('glance-rules')).toBeNull();
  });

  it('puts a block by the rules themselves first, though the window is open and the caps are fine', () => {
    const jurisdiction = resolveJurisdiction({ phone: '+8613800138000' });
    const rules = resolveEffectiveRules(jurisdiction, { packWithheld: 'the stored active team pack no longer verifies (signature)' });
    const verdict = assessNumber({ phone: '+8613800138000', at: CLOSES - 30 * 60_000, profile: rules.profile, log: [], flags: [], rules, jurisdiction });
    const model = fakeSidePanelModel({ now: () => CLOSES - 20 * 60_000, browserLanguages: ['en-US'] });
    model.panel.tabId.value = 3;
    model.panel.tabState.value = { tabId: 3, calls: { c1: liveCall({ remoteNumber: '+8613800138000', verdict: { assessment: verdict } }) } };
    renderInPanel(model, <ComplianceGlance />);
    const items = screen.getByTestId('compliance-glance').querySelectorAll('li');
    expect(items[0]?.getAttribute('data-testid')).toBe('glance-rules');
    expect(items[0]?.textContent).toBe('⊘No call: see the rules');
    expect(items[0]?.className).toContain('glance__item--bad');
    expect(screen.getByTestId('glance-window').className).toContain('glance__item--ok');
  });
});
