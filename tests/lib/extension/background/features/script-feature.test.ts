import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallSignal } from '../../../../../lib/calls/types';
import { openOnScriptDb, type StoredCallRecord, type StoredDoNotCallFlag } from '../../../../../lib/db/schema';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import { forwardScriptCommand } from '../../../../../lib/extension/background/features/script-feature';
import { complianceProfileSetting, packChannelItem, scriptPackSetting } from '../../../../../lib/extension/shared/settings';
import { loadPackChannel } from '../../../../../lib/extension/shared/pack-channel';
import { followTeamPack } from '../../../../fixtures/team-pack';
import { cnCardLoanPack, usCollectionsPack } from '../../../../../lib/packs/defaults';
import { envelope } from '../../../../../lib/protocol/envelope';
import { type MessageType, type ProtocolMap } from '../../../../../lib/protocol/messages';
import type { ScriptActResponse, ScriptCallView } from '../../../../../lib/protocol/script-messages';

const dialer = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: 11 } as Browser.tabs.Tab,
  frameId: 0,
  url: 'http://127.0.0.1:5173/dialer.html',
});
const panel = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` });
const signal = (phase: CallSignal['phase'], at: number, callKey = 'cid-1'): CallSignal => ({
  callKey,
  source: 'sip-ws',
  phase,
  direction: 'outbound',
  remote: '13800138000',
  at,
});

let dbCounter = 0;

/** A background as a restarted worker builds it: the same database name, nothing else shared. */
function scene() {
  const dbName = `script-${++dbCounter}`;
  let clock = 50_000;
  const build = () => {
    let n = 0;
    return createBackgroundService({ now: () => clock, newId: () => `call-${++n}`, openDb: () => openOnScriptDb(undefined, dbName) });
  };
  let bg = build();
  async function ask<T extends MessageType>(type: T, payload: ProtocolMap[T]['request'], sender = panel()) {
    const reply = (await bg.onMessage(envelope(type, payload), sender)) as { ok: true; value: ProtocolMap[T]['response'] } | { ok: false; error: string };
    return reply;
  }
  async function value<T extends MessageType>(type: T, payload: ProtocolMap[T]['request']): Promise<ProtocolMap[T]['response']> {
    const reply = await ask(type, payload);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }
  return {
    ask,
    value,
    tick: (ms: number) => (clock += ms),
    restart: () => (bg = build()),
    async flags(): Promise<StoredDoNotCallFlag[]> {
      const db = await openOnScriptDb(undefined, dbName);
      const stored = await db.getAll('doNotCall');
      db.close();
      return stored;
    },
    async record(id = 'call-1'): Promise<StoredCallRecord | undefined> {
      const db = await openOnScriptDb(undefined, dbName);
      const stored = await db.get('calls', id);
      db.close();
      return stored;
    },
    startCall: (callKey?: string) => bg.onMessage(envelope('call/signal', signal('connected', 49_000, callKey)), dialer()),
  };
}

describe('script feature (background)', () => {
  it('stamps a new call with the active pack from the settings and starts its script', async () => {
    await scriptPackSetting.setValue(cnCardLoanPack.id);
    const s = scene();
    await s.startCall();
    const record = await s.record();
    expect(record).toMatchObject({ packId: cnCardLoanPack.id, packVersion: cnCardLoanPack.version });
    expect(record?.scriptProgress).toMatchObject({ packId: cnCardLoanPack.id, currentStepId: 'greeting', startedAt: 50_000 });

    // A later change of setting does not move a call that is already running.
    await scriptPackSetting.setValue(usCollectionsPack.id);
    await s.startCall();
    expect((await s.record())?.packId).toBe(cnCardLoanPack.id);
  });

  it("starts calls on the team pack when the administrator's policy names the channel, whatever built-in pack the agent picked (issue 14, item 5)", async () => {
    const team = { ...usCollectionsPack, id: 'agency.collections', version: '2.0.0' };
    await followTeamPack(team);
    await scriptPackSetting.setValue(cnCardLoanPack.id);
    const s = scene();
    // The agent's own subscription: their pick of a built-in pack stands.
    await s.startCall();
    expect((await s.record())?.packId).toBe(cnCardLoanPack.id);

    await followTeamPack(team, { managed: true });
    await s.startCall('cid-2');
    expect(await s.record('call-2')).toMatchObject({ packId: team.id, packVersion: team.version });
  });

  it('uses a stored team pack only while its signed file verifies: a pack changed in storage is dropped, and fetched again', async () => {
    const team = { ...usCollectionsPack, id: 'agency.collections', version: '2.0.0' };
    await followTeamPack(team);
    const s = scene();
    await s.startCall();
    expect((await s.record())?.packId).toBe(team.id);

    // Something with access to storage.local swaps the stored pack (and even its file's pack) for its own.
    const stored = (await packChannelItem.getValue())!;
    const forged = { ...team, title: { en: 'Forged', 'zh-CN': '伪造' } };
    const file = JSON.parse(stored.files!.active!) as { pack: unknown };
    await packChannelItem.setValue({ ...stored, active: forged, files: { active: JSON.stringify({ ...file, pack: forged }) } });
    await s.startCall('cid-2');
    expect((await s.record('call-2'))?.packId).toBe(usCollectionsPack.id);
    const status = await loadPackChannel(0);
    expect(status.active).toBeNull();
    expect(status.lastError).toMatch(/no longer verifies/);
  });

  it('defaults to the pack of the UI language when the setting is automatic', async () => {
    const s = scene();
    await s.startCall();
    // The test runtime has no Chinese UI language, so the US pack.
    expect((await s.record())?.packId).toBe(usCollectionsPack.id);
  });

  it('applies actions with the engine, stores progress, and carries on after a worker restart', async () => {
    await scriptPackSetting.setValue(cnCardLoanPack.id);
    const s = scene();
    await s.startCall();
    s.tick(4_000);
    await s.value('script/act', { callId: 'call-1', action: { type: 'toggleCheck', checkId: 'self-identified' } });
    await s.value('script/act', { callId: 'call-1', action: { type: 'toggleCheck', checkId: 'recording-notice' } });
    const moved = await s.value('script/act', { callId: 'call-1', action: { type: 'next' } });
    expect(moved).toMatchObject({ ok: true, view: { progress: { currentStepId: 'identity', timeOnStepMs: { greeting: 4_000 } } } });
    // Each write moves the revision on, so a panel can drop an answer that arrives after a newer broadcast.
    expect((moved as ScriptActResponse).view?.revision).toBe(3);
    // The arrears step is gated on identity: refused, nothing stored changes.
    const locked = (await s.value('script/act', { callId: 'call-1', action: { type: 'choose', index: 0 } })) as ScriptActResponse;
    expect(locked).toMatchObject({ ok: false, refusal: { reason: 'gate-locked', stepId: 'arrears', missingChecks: ['identity-verified'] } });
    expect((await s.record())?.scriptProgress).toMatchObject({ currentStepId: 'identity', choices: [] });

    s.restart();
    s.tick(2_000);
    const branch = await s.value('script/act', { callId: 'call-1', action: { type: 'choose', index: 1 } });
    expect(branch).toMatchObject({ ok: true, view: { progress: { currentStepId: 'third-party', history: ['greeting', 'identity'] } } });
    const stored = await s.record();
    expect(stored?.scriptProgress).toMatchObject({
      currentStepId: 'third-party',
      checked: ['self-identified', 'recording-notice'],
      choices: [{ stepId: 'identity', index: 1, next: 'third-party', at: 56_000 }],
      timeOnStepMs: { greeting: 4_000, identity: 2_000 },
    });

    const done = await s.value('script/act', { callId: 'call-1', action: { type: 'choose', index: 0 } });
    expect(done).toMatchObject({ ok: true, view: { disposition: 'THIRD_PARTY' } });
    expect((await s.record())?.disposition).toBe('THIRD_PARTY');
    // Back re-opens the script and clears the outcome on the record too.
    await s.value('script/act', { callId: 'call-1', action: { type: 'back' } });
    expect((await s.record())?.disposition).toBeUndefined();
  });

  it('a CEASE / WRONG_NUMBER / DISPUTE disposition writes its do-not-call flag with it, and the next dial shows it', async () => {
    await scriptPackSetting.setValue(cnCardLoanPack.id);
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const s = scene();
    await s.startCall();
    await s.value('script/set-variables', { callId: 'call-1', variables: {}, debtorRef: 'ACC-1' });
    await s.value('script/act', { callId: 'call-1', action: { type: 'finish', disposition: 'CEASE' } });
    expect((await s.record())?.disposition).toBe('CEASE');
    const ceased = await s.flags();
    expect(ceased).toEqual([
      { id: expect.any(String), reason: 'cease-request', scope: 'debtor', debtorRef: 'ACC-1', setAt: 50_000, note: 'disposition CEASE', callId: 'call-1' },
    ]);
    // The next dial of any of the debtor's numbers is a do-not-call violation.
    const next = await s.value('compliance/evaluate', { phone: '13900139000', debtorRef: 'ACC-1' });
    expect(next.doNotCall.blocked).toBe(true);
    expect(next.violations.map((violation) => violation.code)).toContain('do-not-call');

    // The agent corrects the outcome on the same call: the cease flag is lifted (kept as history), the wrong
    // number flags the number.
    s.tick(1_000);
    await s.value('script/act', { callId: 'call-1', action: { type: 'back' } });
    await s.value('script/act', { callId: 'call-1', action: { type: 'finish', disposition: 'WRONG_NUMBER' } });
    const corrected = await s.flags();
    expect(corrected.map((flag) => [flag.reason, flag.scope, flag.phoneE164 ?? flag.debtorRef, flag.clearedAt])).toEqual(
      expect.arrayContaining([
        ['cease-request', 'debtor', 'ACC-1', 51_000],
        ['wrong-number', 'number', '+8613800138000', undefined],
      ]),
    );
    expect(corrected).toHaveLength(2);
    const sameNumber = await s.value('compliance/evaluate', { phone: '13800138000' });
    expect(sameNumber.doNotCall.reasons[0]).toMatch(/wrong number.*disposition WRONG_NUMBER/);
    expect((await s.value('compliance/evaluate', { phone: '13900139000', debtorRef: 'ACC-1' })).doNotCall.blocked).toBe(false);
  });

  it('a dispute without a debtor reference holds the number; giving the reference later moves it to the debtor', async () => {
    await scriptPackSetting.setValue(usCollectionsPack.id);
    const s = scene();
    await s.startCall();
    await s.value('script/act', { callId: 'call-1', action: { type: 'finish', disposition: 'DISPUTE' } });
    expect((await s.flags()).map((flag) => [flag.reason, flag.scope, flag.phoneE164 ?? flag.debtorRef])).toEqual([
      ['dispute-pending', 'number', '+8613800138000'],
    ]);
    await s.value('script/set-variables', { callId: 'call-1', variables: {}, debtorRef: 'ACC-2' });
    const moved = await s.flags();
    expect(moved.filter((flag) => flag.clearedAt === undefined).map((flag) => [flag.reason, flag.scope, flag.debtorRef])).toEqual([
      ['dispute-pending', 'debtor', 'ACC-2'],
    ]);
    // Saving the form again changes nothing: a flag a lead lifted in between is not set again.
    await s.value('script/set-variables', { callId: 'call-1', variables: { 'customer.name': 'x' }, debtorRef: 'ACC-2' });
    expect(await s.flags()).toEqual(moved);
  });

  it('an outcome without a stop flag writes no do-not-call flag', async () => {
    await scriptPackSetting.setValue(usCollectionsPack.id);
    const s = scene();
    await s.startCall();
    await s.value('script/act', { callId: 'call-1', action: { type: 'finish', disposition: 'VOICEMAIL' } });
    expect((await s.record())?.disposition).toBe('VOICEMAIL');
    expect(await s.flags()).toEqual([]);
  });

  it('saves the form and the debtor reference with the call, keeping other fields', async () => {
    const s = scene();
    await s.startCall();
    const view = (await s.value('script/set-variables', {
      callId: 'call-1',
      variables: { 'customer.name': '<b>王先生</b>', 'debt.amount': '1200' },
      debtorRef: ' D-77 ',
    })) as ScriptCallView;
    expect(view).toMatchObject({ variables: { 'customer.name': '<b>王先生</b>' }, debtorRef: 'D-77' });
    const record = await s.record();
    expect(record).toMatchObject({ debtorRef: 'D-77', variables: { 'debt.amount': '1200' }, phase: 'connected', remoteNumber: '13800138000' });
    expect(record?.scriptProgress).toMatchObject({ currentStepId: 'greeting' });
  });

  it('switches an untouched call to another pack, and refuses once the script has started', async () => {
    const s = scene();
    await s.startCall();
    const switched = await s.value('script/switch-pack', { callId: 'call-1', packId: cnCardLoanPack.id });
    expect(switched).toMatchObject({ ok: true, view: { packId: cnCardLoanPack.id } });
    await s.value('script/act', { callId: 'call-1', action: { type: 'toggleCheck', checkId: 'self-identified' } });
    const refused = await s.value('script/switch-pack', { callId: 'call-1', packId: usCollectionsPack.id });
    expect(refused).toMatchObject({ ok: false, refusal: { reason: 'in-progress' } });
    expect((await s.record())?.packId).toBe(cnCardLoanPack.id);
    expect(await s.value('script/switch-pack', { callId: 'call-1', packId: 'no.such-pack' })).toMatchObject({
      ok: false,
      refusal: { reason: 'pack-unavailable' },
    });
  });

  it('answers null or no-call for an unknown call', async () => {
    const s = scene();
    expect(await s.value('script/get', { callId: 'nope' })).toBeNull();
    expect(await s.value('script/act', { callId: 'nope', action: { type: 'next' } })).toMatchObject({ ok: false, refusal: { reason: 'no-call' } });
  });

  it('refuses script messages from dialer pages and malformed payloads', async () => {
    const s = scene();
    await s.startCall();
    expect(await s.ask('script/act', { callId: 'call-1', action: { type: 'next' } }, dialer())).toMatchObject({ ok: false });
    const bad: unknown[] = [
      { callId: 'call-1', action: { type: 'choose', index: 9 } },
      { callId: 'call-1', action: { type: 'choose', index: 1.5 } },
      { callId: 'call-1', action: { type: 'next', extra: 1 } },
      { callId: 'call-1', action: { type: 'explode' } },
      { callId: '', action: { type: 'next' } },
      { callId: 'call-1', action: { type: 'finish', disposition: 'X'.repeat(40) } },
    ];
    for (const payload of bad) {
      expect(await s.ask('script/act', payload as never)).toMatchObject({ ok: false });
    }
    const badForms: unknown[] = [
      { callId: 'call-1', variables: JSON.parse('{"__proto__": "x"}'), debtorRef: '' },
      { callId: 'call-1', variables: { 'a.constructor': 'x' }, debtorRef: '' },
      { callId: 'call-1', variables: { 'debt.amount': 12 }, debtorRef: '' },
      { callId: 'call-1', variables: { 'debt.amount': 'x'.repeat(501) }, debtorRef: '' },
      { callId: 'call-1', variables: {}, debtorRef: 'x'.repeat(65) },
    ];
    for (const payload of badForms) {
      expect(await s.ask('script/set-variables', payload as never)).toMatchObject({ ok: false });
    }
    expect(await s.ask('script/command', { command: 'script-next' })).toBeUndefined();
  });

  it('forwards known keyboard commands to extension pages and ignores others', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      received.push(message);
      return undefined;
    });
    await forwardScriptCommand('script-focus-search');
    await forwardScriptCommand('_execute_action');
    expect(received).toEqual([envelope('script/command', { command: 'script-focus-search' })]);
  });
});
