import { followTeamPack } from '../../../../fixtures/team-pack';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ComplianceAssessment } from '../../../../../lib/compliance/assessment';
import type { CallSignal } from '../../../../../lib/calls/types';
import { openOnScriptDb } from '../../../../../lib/db/schema';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import {
  complianceProfileSetting,
  defaultRegionSetting,
  inconvenientTimesSetting,
  packChannelItem,
  scriptPackSetting,
} from '../../../../../lib/extension/shared/settings';
import { cnCardLoanPack } from '../../../../../lib/packs/defaults';
import type { ScriptPack } from '../../../../../lib/packs/types';
import { envelope } from '../../../../../lib/protocol/envelope';
import { type MessageType, type ProtocolMap } from '../../../../../lib/protocol/messages';
import { notBefore } from '../../../../../lib/compliance/restrictions';
import { readCsvRows } from '../../../../../lib/compliance/csv-rows';

// 11:00 and 23:00 in Shanghai on Tuesday 10 March 2026.
const OPEN = Date.parse('2026-03-10T03:00:00Z');
const CLOSED = Date.parse('2026-03-10T15:00:00Z');

const dialer = (tabId = 7): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: tabId } as Browser.tabs.Tab,
  frameId: 0,
  url: 'http://127.0.0.1:5173/dialer.html',
});
const panel = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: `${fakeBrowser.runtime.getURL('/')}options.html`,
});

let dbCounter = 0;
function setup(start = OPEN) {
  const dbName = `compliance-${++dbCounter}`;
  let clock = start;
  let n = 0;
  const bg = createBackgroundService({ now: () => clock, newId: () => `id-${++n}`, openDb: () => openOnScriptDb(undefined, dbName) });
  async function ask<T extends MessageType>(type: T, payload: ProtocolMap[T]['request'], sender = panel()) {
    const reply = await bg.onMessage(envelope(type, payload), sender);
    if (!reply?.ok) throw new Error(`refused: ${reply ? reply.error : 'no reply'}`);
    return reply.value as ProtocolMap[T]['response'];
  }
  const signal = (callKey: string, phase: CallSignal['phase'], at: number, extra: Partial<CallSignal> = {}) =>
    ask('call/signal', { callKey, source: 'sip-ws', phase, direction: 'outbound', remote: '13800138000', at, ...extra }, dialer());
  return {
    bg,
    ask,
    signal,
    dbName,
    setClock: (value: number) => (clock = value),
    record: async (id: string) => {
      const db = await openOnScriptDb(undefined, dbName);
      const value = await db.get('calls', id);
      db.close();
      return value;
    },
  };
}

describe('compliance background feature', () => {
  it('evaluates a number under its jurisdiction’s rules: open with its closing, closed with its next opening', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask, setClock } = setup();
    const open = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(open).toMatchObject({ profileId: 'CN-CBA-2026', action: 'none', violations: [] });
    expect(open.window).toMatchObject({ allowed: true, timeZones: ['Asia/Shanghai'], closesAt: Date.parse('2026-03-10T14:00:00Z') });

    setClock(CLOSED);
    const closed = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(closed.window.allowed).toBe(false);
    expect(closed.window.opensAt).toBe(Date.parse('2026-03-11T00:00:00Z'));
    expect(closed.violations.map((violation) => violation.code)).toEqual(['outside-window']);
    expect(closed.action).toBe('block');
  });

  it('blocks every call while the team pack in storage no longer verifies: its rules are unknown', async () => {
    const tighter = { ...cnCardLoanPack, compliance: { profileId: 'CN-CBA-2026', tighten: { latestLocalTime: '20:00' } } } as ScriptPack;
    await followTeamPack(tighter);
    const { ask } = setup();
    const trusted = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(trusted).toMatchObject({ action: 'none', violations: [] });

    // The stored pack is swapped for one without the lead's tightening: it would loosen the rules if it were used.
    const stored = (await packChannelItem.getValue())!;
    const loosened = { ...tighter, compliance: { profileId: 'CN-CBA-2026' } };
    const file = JSON.parse(stored.files!.active!) as { pack: unknown };
    await packChannelItem.setValue({ ...stored, active: loosened, files: { active: JSON.stringify({ ...file, pack: loosened }) } });
    const withheld = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(withheld.action).toBe('block');
    expect(withheld.violations.map((violation) => violation.code)).toContain('no-rules');
    expect(withheld.rules?.blocked).toMatch(/^the team's script pack in this browser cannot be trusted \(the stored active team pack no longer verifies/);
    expect(withheld.rules?.blockedReason?.key).toBe('reason.rules.packWithheld');

    // A verified pack again: calls go ahead as before.
    await followTeamPack(tighter);
    await expect(ask('compliance/evaluate', { phone: '13800138000' })).resolves.toMatchObject({ action: 'none', violations: [] });
  });

  it('judges a number by where the debtor is, never by the agent’s language or default country', async () => {
    await defaultRegionSetting.setValue('CN');
    const { ask } = setup();
    await expect(ask('compliance/evaluate', { phone: '+12125550123' })).resolves.toMatchObject({ profileId: 'US-FDCPA+US-NYC' });
    await defaultRegionSetting.setValue('US');
    await expect(ask('compliance/evaluate', { phone: '+8613800138000' })).resolves.toMatchObject({ profileId: 'CN-CBA-2026' });
  });

  it('applies the lead’s managed policy, which the agent’s own choices cannot loosen', async () => {
    await complianceProfileSetting.setValue('UK-FCA');
    await fakeBrowser.storage.managed.set({ complianceProfile: 'PH-SEC', complianceTightening: { latestLocalTime: '20:00' } });
    const { ask } = setup();
    const tightened = await ask('compliance/evaluate', { phone: '13800138000' });
    // China's 08:00-22:00, the policy's 06:00-22:00 PH profile and its 20:00: 20:00 Shanghai. UK-FCA's warn cannot
    // loosen the block.
    expect(tightened.window.closesAt).toBe(Date.parse('2026-03-10T12:00:00Z'));
    expect(tightened.onViolation).toBe('block');
    expect(tightened.rules?.profiles.map((profile) => [profile.key, profile.profileId])).toEqual([
      ['CN', 'CN-CBA-2026'],
      ['policy', 'PH-SEC'],
      ['agent', 'UK-FCA'],
    ]);
  });

  it('lets a locked setting override the agent’s: the lead’s default country reads national numbers', async () => {
    await defaultRegionSetting.setValue('CN');
    await fakeBrowser.storage.managed.set({ lockedSettings: ['defaultCountry'], defaultCountry: 'US' });
    const { ask } = setup();
    await expect(ask('compliance/evaluate', { phone: '2125550123' })).resolves.toMatchObject({ profileId: 'US-FDCPA+US-NYC' });
  });

  it('judges a live call again when the agent enters where the debtor is, and tells the panel', async () => {
    // 10:30 in New York (EDT): open there. Then the debtor says they are in California, where it is 07:30.
    const at = Date.parse('2026-03-10T14:30:00Z');
    const { ask, signal, bg, record } = setup(at);
    await signal('c', 'connected', at, { remote: '+12125550123' });
    const state = await ask('tab/get-state', { tabId: 7 });
    const [call] = Object.values(state.calls);
    expect(call?.verdict?.assessment.action).toBe('none');
    const updated = await ask('compliance/set-location', { tabId: 7, callId: call!.id, location: { region: 'CA' } });
    expect(updated.updated).toBe(true);
    expect(updated.assessment?.window.timeZones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(updated.assessment?.rules?.conflicts).toEqual(['area code: US-NY; entered: US-CA']);
    expect(updated.assessment?.action).toBe('block');
    // The breach found mid-call is on the record for the audit, as a warning (the call was already going).
    expect((await record(call!.id))?.complianceEvents?.map((event) => [event.kind, event.code])).toEqual([['warning', 'outside-window']]);
    await expect(bg.onMessage(envelope('compliance/set-location', { tabId: 7, callId: 'nope', location: null }), panel())).resolves.toMatchObject({
      ok: true,
      value: { updated: false },
    });
  });

  it('closes a 2027 day when no holiday data covers the year, and opens it once a team pack or the policy delivers 2027', async () => {
    // 11:00 Wednesday 10 March 2027 in Shanghai, under a rule that closes Chinese rest days.
    const at = Date.parse('2027-03-10T03:00:00Z');
    const restDays = { profileId: 'CN-CBA-2026', tighten: { avoidRestDays: true } };
    const teamPack = (calendars?: object) =>
      followTeamPack({ ...cnCardLoanPack, compliance: { ...restDays, ...(calendars ? { calendars } : {}) } } as ScriptPack);
    await teamPack();
    const { ask, setClock } = setup(at);
    const uncovered = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(uncovered.window.allowed).toBe(false);
    expect(uncovered.window.reasons.join('\n')).toMatch(/no holiday\/调休 data for 2027 .*deliver the year's calendar/);

    await teamPack({ CN: { '2027': { holidays: ['2027-03-11'], workdays: [] } } });
    const fromPack = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(fromPack.window.allowed).toBe(true);
    // The next day is a holiday in the delivered table: the window closes at 22:00 and opens again on Friday.
    expect(fromPack.window.closesAt).toBe(Date.parse('2027-03-10T14:00:00Z'));

    await teamPack();
    await fakeBrowser.storage.managed.set({ holidayCalendars: { CN: { '2027': { holidays: [], workdays: [] } }, cn: 'bad' } });
    const fromPolicy = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(fromPolicy.window.allowed).toBe(true);
    // A fixed-date holiday stays closed whatever is delivered: 1 October 2027, 11:00 Shanghai.
    await fakeBrowser.storage.managed.set({ holidayCalendars: { CN: { '2027': { holidays: [], workdays: [] } } } });
    setClock(Date.parse('2027-10-01T03:00:00Z'));
    const nationalDay = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(nationalDay.window.allowed).toBe(false);
    expect(nationalDay.window.reasons.join('\n')).toMatch(/2027-10-01 is a Chinese statutory holiday \(National Day/);
  });

  it('honours debtor-stated inconvenient times kept per number', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    await inconvenientTimesSetting.setValue({ '+8613800138000': [notBefore('12:00')] });
    const { ask } = setup();
    const verdict = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(verdict.window.allowed).toBe(false);
    expect(verdict.window.opensAt).toBe(Date.parse('2026-03-10T04:00:00Z'));
    expect(verdict.window.reasons.join(' ')).toMatch(/not before 12:00/);
  });

  it('adds, lists and clears do-not-call flags, and a flag makes the number a violation', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask, setClock } = setup();
    const flag = await ask('compliance/add-flag', { reason: 'cease-request', scope: 'number', phone: '138 0013 8000', note: 'asked on the phone' });
    expect(flag).toMatchObject({ phoneE164: '+8613800138000', reason: 'cease-request', setAt: OPEN });
    const flagged = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(flagged.violations.map((violation) => violation.code)).toEqual(['do-not-call']);

    setClock(OPEN + 60_000);
    await expect(ask('compliance/clear-flag', { id: flag.id })).resolves.toEqual({ cleared: true });
    await expect(ask('compliance/clear-flag', { id: flag.id })).resolves.toEqual({ cleared: false });
    await expect(ask('compliance/list-flags', {})).resolves.toMatchObject([{ id: flag.id, clearedAt: OPEN + 60_000 }]);
    await expect(ask('compliance/evaluate', { phone: '13800138000' })).resolves.toMatchObject({ violations: [] });
  });

  it('refuses a flag without its target and flags from a page', async () => {
    const { bg } = setup();
    await expect(bg.onMessage(envelope('compliance/add-flag', { reason: 'wrong-number', scope: 'debtor' }), panel())).resolves.toMatchObject({ ok: false });
    await expect(
      bg.onMessage(envelope('compliance/add-flag', { reason: 'wrong-number', scope: 'number', phone: '1' }), dialer()),
    ).resolves.toMatchObject({ ok: false });
  });

  it('imports attempts from CSV with per-line errors, and counts them towards the caps', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask } = setup();
    const rows = Array.from({ length: 6 }, (_, index) => `2026-03-10T0${index}:10:00+08:00,D-1,13800138000,unanswered`);
    const csv = ['at,debtor_ref,number,outcome', ...rows, 'yesterday,D-1,13800138000,unanswered'].join('\n');
    // The rows as the options page reads them from the file (lib/extension/pages/compliance-client.ts).
    const result = await ask('compliance/import-attempts', { ...readCsvRows(csv), source: 'central.csv' });
    expect(result.imported).toBe(6);
    expect(result.errors).toEqual([{ line: 8, message: expect.stringMatching(/ISO 8601/), problems: [{ code: 'time-format', params: { column: 'at', value: expect.any(String) } }] }]);
    await expect(ask('compliance/count-imports', {})).resolves.toEqual({ count: 6 });

    const verdict = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(verdict.violations.map((violation) => violation.code)).toEqual(['over-cap']);
    expect(verdict.caps.counts.unansweredToNumberToday).toBe(6);

    await expect(ask('compliance/clear-imports', {})).resolves.toEqual({ removed: 6 });
    await expect(ask('compliance/evaluate', { phone: '13800138000' })).resolves.toMatchObject({ violations: [] });
  });

  it("counts this browser's finished outbound calls from the call log", async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask, signal } = setup();
    for (let index = 0; index < 6; index += 1) {
      const at = OPEN - 3_600_000 + index * 60_000;
      await signal(`k${index}`, 'dialing', at);
      await signal(`k${index}`, 'ended', at + 20_000, { endReason: 'cancelled', endedBy: 'local' });
    }
    const verdict: ComplianceAssessment = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(verdict.caps.counts.unansweredToNumberToday).toBe(6);
    expect(verdict.action).toBe('block');
  });

  it('reads a call’s outcome from its pack’s disposition flags: a VOICEMAIL is no conversation, and is an unanswered dial', async () => {
    await scriptPackSetting.setValue(cnCardLoanPack.id);
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask, signal } = setup();
    for (let index = 0; index < 6; index += 1) {
      const at = OPEN - 3_600_000 + index * 60_000;
      // The softphone saw each call connect: a voicemail system answered.
      await signal(`v${index}`, 'dialing', at);
      await signal(`v${index}`, 'connected', at + 8_000);
      await ask('script/act', { callId: `id-${index + 1}`, action: { type: 'finish', disposition: 'VOICEMAIL' } });
      await signal(`v${index}`, 'ended', at + 30_000, { endReason: 'hangup', endedBy: 'local' });
    }
    const verdict = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(verdict.caps.counts).toMatchObject({ conversations: 0, unansweredToNumberToday: 6 });
    expect(verdict.violations.map((violation) => violation.code)).toEqual(['over-cap']);
  });

  it('an inbound call that reached a conversation starts Reg F’s 7-day pause', async () => {
    await complianceProfileSetting.setValue('US-FDCPA');
    const noonNewYork = Date.parse('2026-07-07T16:00:00Z');
    const { ask, signal, setClock } = setup(noonNewYork);
    await signal('in', 'ringing', noonNewYork, { direction: 'inbound', remote: '+12125550100' });
    await signal('in', 'connected', noonNewYork + 5_000, { direction: 'inbound', remote: '+12125550100' });
    await signal('in', 'ended', noonNewYork + 300_000, { direction: 'inbound', remote: '+12125550100', endReason: 'hangup', endedBy: 'remote' });
    setClock(noonNewYork + 86_400_000);
    const verdict = await ask('compliance/evaluate', { phone: '+12125550100' });
    expect(verdict.caps.counts).toMatchObject({ attempts: 0, conversations: 1 });
    expect(verdict.caps.caps.find((cap) => cap.capId === 'reg-f-post-conversation')?.allowed).toBe(false);
    expect(verdict.violations.map((violation) => violation.code)).toEqual(['over-cap']);
  });

  it('marks a work number for the caps that count calls to work numbers, and a month of calls is read', async () => {
    await complianceProfileSetting.setValue('US-MA');
    const noonBoston = Date.parse('2026-07-28T16:00:00Z');
    const { ask, signal, setClock } = setup(noonBoston);
    // Two calls to the work number 20 and 25 days ago: beyond the 15 days the log used to be read for.
    for (const [key, daysAgo] of [['w1', 25], ['w2', 20]] as const) {
      const at = noonBoston - daysAgo * 86_400_000;
      setClock(at);
      await signal(key, 'dialing', at, { remote: '+16175550199' });
      await signal(key, 'ended', at + 20_000, { remote: '+16175550199', endReason: 'cancelled', endedBy: 'local' });
    }
    setClock(noonBoston);
    const unmarked = await ask('compliance/evaluate', { phone: '+1 617 555 0199' });
    expect(unmarked.caps.numberKind).toBe('personal');
    expect(unmarked.caps.allowed).toBe(true);

    await expect(ask('compliance/set-number-kind', { phone: '+1 (617) 555-0199', kind: 'work' })).resolves.toEqual({
      phoneE164: '+16175550199',
      kind: 'work',
      setAt: noonBoston,
    });
    const work = await ask('compliance/evaluate', { phone: '+1 617 555 0199' });
    expect(work.caps.numberKind).toBe('work');
    expect(work.caps.caps.find((cap) => cap.capId === 'ma-2-per-30-days-work')).toMatchObject({ allowed: false, count: 2 });
    expect(work.violations.map((violation) => violation.code)).toEqual(['over-cap']);

    await ask('compliance/set-number-kind', { phone: '+16175550199', kind: 'personal' });
    await expect(ask('compliance/evaluate', { phone: '+1 617 555 0199' })).resolves.toMatchObject({ caps: { numberKind: 'personal', allowed: true } });
  });

  it('refuses a number kind other than work or personal, and from a dialer page', async () => {
    const { bg } = setup();
    await expect(bg.onMessage(envelope('compliance/set-number-kind', { phone: '+16175550199', kind: 'office' as never }), panel())).resolves.toMatchObject({ ok: false });
    await expect(bg.onMessage(envelope('compliance/set-number-kind', { phone: '+16175550199', kind: 'work' }), dialer())).resolves.toMatchObject({ ok: false });
  });

  it('records a compliance event when an outbound call starts outside its window, once', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { signal, record } = setup(CLOSED);
    await signal('late', 'dialing', CLOSED);
    await signal('late', 'ringing', CLOSED + 1_000);
    const stored = await record('id-1');
    expect(stored?.complianceEvents).toEqual([
      { at: CLOSED, kind: 'block', code: 'outside-window', detail: expect.stringMatching(/^CN-CBA-2026: .*outside/) },
    ]);
  });

  it('leaves a compliant call without events', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { signal, record } = setup(OPEN);
    await signal('fine', 'dialing', OPEN);
    expect((await record('id-1'))?.complianceEvents).toBeUndefined();
  });

  it('answers the pre-dial guard and records an override with its reason', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask, signal, record, bg } = setup(CLOSED);
    // The verdict comes back with the call's first signal, computed in the same pass that records the breach.
    const { verdict } = await signal('late', 'dialing', CLOSED);
    expect(verdict).toMatchObject({
      action: 'block',
      profileId: 'CN-CBA-2026',
      timeZones: ['Asia/Shanghai'],
      opensAt: Date.parse('2026-03-11T00:00:00Z'),
    });
    expect(verdict?.violations[0]?.code).toBe('outside-window');

    await expect(bg.onMessage(envelope('compliance/override', { callKey: 'late', reason: '  ' }), dialer())).resolves.toMatchObject({
      ok: false,
    });
    await expect(ask('compliance/override', { callKey: 'late', reason: 'debtor asked for a call now' }, dialer())).resolves.toEqual({
      recorded: true,
    });
    await expect(ask('compliance/override', { callKey: 'unknown', reason: 'x' }, dialer())).resolves.toEqual({ recorded: false });
    const stored = await record('id-1');
    expect(stored?.complianceEvents?.map((event) => [event.kind, event.code, event.reason])).toEqual([
      ['block', 'outside-window', undefined],
      ['override', 'pre-dial-guard', 'debtor asked for a call now'],
    ]);
  });

  it('remembers an override given on a cancelled attempt, in storage.session, so the redial is not blocked but carries the reason', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask, signal, record, setClock } = setup(CLOSED);
    await expect(signal('late', 'dialing', CLOSED)).resolves.toMatchObject({ verdict: { action: 'block' } });
    // The guard pressed the dialer's Hang up: CANCEL before an answer.
    await signal('late', 'ended', CLOSED + 1_000, { endReason: 'cancelled', endedBy: 'local' });
    setClock(CLOSED + 20_000);
    await expect(ask('compliance/override', { callKey: 'late', reason: 'debtor asked for a call now' }, dialer())).resolves.toEqual({
      recorded: true,
    });
    const first = await record('id-1');
    expect(first).toMatchObject({ phase: 'ended', endReason: 'cancelled' });
    expect(first?.complianceEvents?.map((event) => [event.kind, event.code, event.reason])).toEqual([
      ['block', 'outside-window', undefined],
      ['override', 'pre-dial-guard', 'debtor asked for a call now'],
    ]);
    // Kept where a stopped worker cannot lose it.
    const stored = (await fakeBrowser.storage.session.get('compliance.guardOverrides'))['compliance.guardOverrides'];
    expect(stored).toEqual({
      '+8613800138000': { reason: 'debtor asked for a call now', codes: ['outside-window'], until: CLOSED + 20_000 + 10 * 60_000, callId: 'id-1' },
    });

    setClock(CLOSED + 60_000);
    const { verdict: redial } = await signal('again', 'dialing', CLOSED + 60_000, { remote: '+86 138 0013 8000' });
    expect(redial).toMatchObject({ action: 'none', override: { reason: 'debtor asked for a call now' } });
    expect(redial?.violations.map((violation) => violation.code)).toEqual(['outside-window']);
    const second = await record('id-2');
    expect(second?.complianceEvents?.map((event) => [event.kind, event.code, event.reason])).toEqual([
      ['block', 'outside-window', undefined],
      ['override', 'pre-dial-guard', 'debtor asked for a call now'],
    ]);
    expect(second?.complianceEvents?.[1]?.detail).toContain('id-1');

    // Ten minutes after the override the number is blocked again, and the record says nothing of an override.
    setClock(CLOSED + 20_000 + 10 * 60_000);
    await expect(signal('later', 'dialing', CLOSED + 20_000 + 10 * 60_000)).resolves.toMatchObject({ verdict: { action: 'block' } });
    expect((await record('id-3'))?.complianceEvents?.map((event) => event.kind)).toEqual(['block']);
  });

  it('does not let an override cover a rule the agent did not see broken', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask, signal, setClock } = setup(CLOSED);
    await signal('late', 'dialing', CLOSED);
    await ask('compliance/override', { callKey: 'late', reason: 'asked for it' }, dialer());
    await ask('compliance/add-flag', { reason: 'cease-request', scope: 'number', phone: '13800138000' });
    setClock(CLOSED + 60_000);
    const { verdict } = await signal('again', 'dialing', CLOSED + 60_000);
    expect(verdict?.action).toBe('block');
    expect(verdict?.override).toBeUndefined();
  });

  it('lets only pages override the guard and only extension pages evaluate', async () => {
    const { bg } = setup();
    await expect(bg.onMessage(envelope('compliance/override', { callKey: 'k', reason: 'x' }), panel())).resolves.toMatchObject({ ok: false });
    await expect(bg.onMessage(envelope('compliance/evaluate', { phone: '1' }), dialer())).resolves.toMatchObject({ ok: false });
  });
});
