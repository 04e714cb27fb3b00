import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallSignal } from '../../../../../lib/calls/types';
import { readOutbox } from '../../../../../lib/db/outbox';
import { openOnScriptDb } from '../../../../../lib/db/schema';
import { callsFeature } from '../../../../../lib/extension/background/features/calls-feature';
import { complianceFeature } from '../../../../../lib/extension/background/features/compliance-feature';
import { teamFeature } from '../../../../../lib/extension/background/features/team-feature';
import { TEAM_SYNC_ALARM } from '../../../../../lib/extension/background/team-sync';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import { envelope } from '../../../../../lib/protocol/envelope';
import { type MessageType, type ProtocolMap } from '../../../../../lib/protocol/messages';
import { startFakeHub, type FakeHub } from '../../../../fixtures/fake-hub';

// 14:00 in Chicago on Tuesday 10 March 2026 (CDT): inside US-FDCPA's window; Reg F 7-in-7 applies.
const START = Date.parse('2026-03-10T19:00:00Z');
const NUMBER = '+13125550100';
const DAY = 86_400_000;

const dialer = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: 7 } as Browser.tabs.Tab,
  frameId: 0,
  url: 'http://127.0.0.1:5173/dialer.html',
});
const page = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}options.html` });

let hub: FakeHub;
beforeEach(async () => {
  hub = await startFakeHub();
});
afterEach(async () => {
  await hub.close();
});

let dbCounter = 0;
function setup() {
  const dbName = `team-${++dbCounter}`;
  let clock = START;
  let n = 0;
  const make = () => {
    // The features this test meets, started as the worker starts them (the others need browser APIs the fake lacks).
    const features = [callsFeature, complianceFeature, teamFeature];
    const service = createBackgroundService({ now: () => clock, newId: () => `id-${++n}`, openDb: () => openOnScriptDb(undefined, dbName), features });
    service.start();
    return service;
  };
  let bg = make();
  async function ask<T extends MessageType>(type: T, payload: ProtocolMap[T]['request'], sender = page()) {
    const reply = await bg.onMessage(envelope(type, payload), sender);
    if (!reply?.ok) throw new Error(`refused: ${reply ? reply.error : 'no reply'}`);
    return reply.value as ProtocolMap[T]['response'];
  }
  let calls = 0;
  /** One outbound call that nobody answers (declined), start to end. */
  async function unansweredCall(remote = NUMBER) {
    const key = `call-${(calls += 1)}`;
    const signal = (phase: CallSignal['phase'], extra: Partial<CallSignal> = {}) =>
      ask('call/signal', { callKey: key, source: 'sip-ws', phase, direction: 'outbound', remote, at: clock, ...extra }, dialer());
    const first = await signal('dialing');
    clock += 1_000;
    await signal('ended', { endReason: 'rejected', endedBy: 'remote' });
    clock += 1_000;
    return first;
  }
  const outbox = async () => {
    const db = await openOnScriptDb(undefined, dbName);
    try {
      return await readOutbox(db);
    } finally {
      db.close();
    }
  };
  let codes = 0;
  async function enroll(agent = 'ana') {
    const code = `CODE-${agent}-${(codes += 1)}`;
    hub.codes.set(code, agent);
    const reply = await ask('team/enroll', { hubUrl: hub.url, code });
    if (!reply.ok) throw new Error(`enroll failed: ${reply.failure}`);
    return reply.status;
  }
  /** Whether the counts for a number are kept (written after the verdict, which does not wait for it). */
  const keptCounts = async (numberE164: string) => {
    const db = await openOnScriptDb(undefined, dbName);
    try {
      return (await db.get('teamState', `counts:${numberE164}|`)) !== undefined;
    } finally {
      db.close();
    }
  };
  const record = async (id: string) => {
    const db = await openOnScriptDb(undefined, dbName);
    try {
      return await db.get('calls', id);
    } finally {
      db.close();
    }
  };
  return {
    ask,
    unansweredCall,
    outbox,
    keptCounts,
    record,
    enroll,
    tick: (ms: number) => (clock += ms),
    now: () => clock,
    /** A new worker life on the same storage (the old one stopped by the browser). */
    restart: () => {
      bg = make();
    },
  };
}

const ours = (agent = 'ana') => hub.attempts.filter((attempt) => attempt.agent === agent);
/** Another agent's attempt on the hub, `daysAgo` before START. */
const theirs = (daysAgo: number, i: number) =>
  hub.attempts.push({ key: `ben-${daysAgo}-${i}`, at: START - daysAgo * DAY - i * 60_000, numberE164: NUMBER, outcome: 'unanswered', agent: 'ben' });

describe('team feature: enrollment and the outbox', () => {
  it('queues nothing and asks no hub while the browser is not enrolled', async () => {
    const { unansweredCall, outbox, ask } = setup();
    const reply = await unansweredCall();
    expect(reply.verdict?.action).toBe('none');
    expect(await outbox()).toEqual([]);
    expect(hub.requests).toEqual([]);
    expect((await ask('compliance/evaluate', { phone: NUMBER })).ledger).toBeUndefined();
    expect((await ask('team/get-status', {})).enrolled).toBeUndefined();
  });

  it('enrolls with a one-time code, sends what this browser already had, then each call when it ends, once', async () => {
    const { unansweredCall, enroll, ask, outbox } = setup();
    await unansweredCall();
    const status = await enroll();
    expect(status).toMatchObject({ enrolled: { agent: 'ana', team: 'default', hubUrl: hub.url }, outbox: { calls: 0 }, sync: { hub: 'ok' } });
    // The token stays in the background.
    expect(JSON.stringify(status)).not.toContain('osh_');
    expect(ours().map((attempt) => attempt.key)).toEqual(['attempt:id-1']);
    expect([...hub.calls.keys()]).toEqual(['ana/id-1']);

    await unansweredCall();
    await vi.waitFor(() => expect(ours()).toHaveLength(2), { timeout: 5_000 });
    expect(ours()[1]).toMatchObject({ key: 'attempt:id-2', numberE164: NUMBER, outcome: 'unanswered', callId: 'id-2' });
    await vi.waitFor(async () => expect(await outbox()).toEqual([]));
    // Sending again changes nothing: every key is one item.
    await ask('team/sync-now', {});
    expect(ours()).toHaveLength(2);
    expect(hub.calls.get('ana/id-2')?.call).toMatchObject({ id: 'id-2', remoteNumber: NUMBER, endedAt: expect.any(Number) });
  });

  it('says plainly why a code does not enroll', async () => {
    const { ask } = setup();
    expect(await ask('team/enroll', { hubUrl: hub.url, code: 'NOT-A-CODE' })).toEqual({ ok: false, failure: 'code-invalid', message: expect.any(String) });
    expect(await ask('team/enroll', { hubUrl: 'http://hub.agency.example', code: 'X' })).toEqual({ ok: false, failure: 'insecure-url' });
    expect(await ask('team/enroll', { hubUrl: hub.url, code: '  ' })).toEqual({ ok: false, failure: 'bad-code' });
    hub.down = true;
    hub.codes.set('GOOD', 'ana');
    expect(await ask('team/enroll', { hubUrl: hub.url, code: 'GOOD' })).toMatchObject({ ok: false, failure: 'unreachable' });
    await fakeBrowser.storage.managed.set({ hubUrl: 'https://hub.agency.example' });
    const managed = setup();
    expect(await managed.ask('team/enroll', { hubUrl: hub.url, code: 'GOOD' })).toEqual({ ok: false, failure: 'policy-url' });
  });

  it('keeps everything while the hub is down, across a worker restart, and catches up exactly once on the alarm', async () => {
    const { unansweredCall, enroll, ask, restart, tick, now } = setup();
    await enroll();
    hub.down = true;
    for (let i = 0; i < 3; i += 1) await unansweredCall();
    // Each call's record queues its items and asks for a sync; wait until the last of those attempts has settled:
    // all three queued, the hub found unreachable, and the alarm on the retry the status names (never sooner than
    // a second away: the back-off's random jitter can name an earlier instant).
    const offline = await vi.waitFor(async () => {
      const status = await ask('team/get-status', {});
      expect(status.sync.hub).toBe('unreachable');
      expect(status.outbox).toMatchObject({ calls: 3, attempts: 3 });
      expect((await fakeBrowser.alarms.get(TEAM_SYNC_ALARM))?.scheduledTime).toBe(Math.max(status.sync.nextAttemptAt!, now() + 1_000));
      return status;
    });
    const retry = offline.sync.nextAttemptAt!;
    expect(retry).toBeGreaterThan(now());

    restart();
    hub.down = false;
    tick(retry - now() + 1);
    await fakeBrowser.alarms.onAlarm.trigger({ name: TEAM_SYNC_ALARM, scheduledTime: retry });
    await vi.waitFor(async () => expect((await ask('team/get-status', {})).outbox.calls).toBe(0), { timeout: 5_000 });
    expect(ours().map((attempt) => attempt.key).sort()).toEqual(['attempt:id-1', 'attempt:id-2', 'attempt:id-3']);
    await ask('team/sync-now', {});
    expect(ours()).toHaveLength(3);
    expect((await ask('team/get-status', {})).sync).toMatchObject({ hub: 'ok', lastSyncAt: now() });
  });

  it('sets aside an item the hub refuses, says so, and sends the rest', async () => {
    const { unansweredCall, enroll, ask } = setup();
    await enroll();
    hub.refuseKeys.add('attempt:id-1');
    await unansweredCall();
    const status = await vi.waitFor(async () => {
      const current = await ask('team/get-status', {});
      expect(current.outbox.refused).toBe(1);
      return current;
    });
    expect(status.refusedItems).toEqual([{ id: 'attempt:id-1', kind: 'attempt', at: expect.any(Number), code: 'invalid-request', message: expect.stringContaining('refused by the test') }]);
    // The rest of the batch follows at once.
    await vi.waitFor(() => expect(hub.calls.has('ana/id-1')).toBe(true));
    await vi.waitFor(async () => expect((await ask('team/get-status', {})).outbox.calls).toBe(0));
    const pushes = hub.requests.filter((request) => request === 'POST /v1/push').length;
    await ask('team/sync-now', {});
    expect(hub.requests.filter((request) => request === 'POST /v1/push').length).toBe(pushes);
  });

  it('stops sending when the agent is revoked, keeps what waits, and says what to do', async () => {
    const { unansweredCall, enroll, ask } = setup();
    await enroll();
    hub.revoked.add('ana');
    await unansweredCall();
    const status = await vi.waitFor(async () => {
      const current = await ask('team/get-status', {});
      expect(current.sync.stopped).toBe('revoked');
      return current;
    });
    expect(status.outbox.attempts).toBe(1);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(TEAM_SYNC_ALARM)).toBeUndefined());
    const requests = hub.requests.length;
    await ask('team/sync-now', {});
    expect(hub.requests.length).toBe(requests);
    // Leaving forgets the access and keeps the outbox.
    const left = await ask('team/leave', {});
    expect(left.enrolled).toBeUndefined();
    expect(left.outbox.attempts).toBe(1);
  });

  it('queues a flag set or cleared here with the flag, and sends it at once', async () => {
    const { enroll, ask } = setup();
    await enroll();
    const flag = await ask('compliance/add-flag', { reason: 'cease-request', scope: 'number', phone: NUMBER, note: 'asked to stop' });
    await vi.waitFor(() => expect(hub.flags.map((f) => f.key)).toEqual([`flag:${flag.id}:set`]), { timeout: 5_000 });
    expect(hub.flags[0]).toMatchObject({ op: 'set', scope: 'number', numberE164: NUMBER, reason: 'cease-request', note: 'asked to stop' });
    await ask('compliance/clear-flag', { id: flag.id });
    await vi.waitFor(() => expect(hub.flags.map((f) => f.op)).toEqual(['set', 'clear']), { timeout: 5_000 });
  });
});

describe('team feature: the pre-dial verdict', () => {
  it('counts the team’s attempts with this browser’s, each once: the eighth in seven days is blocked', async () => {
    const { unansweredCall, enroll, ask } = setup();
    await enroll();
    for (let i = 0; i < 5; i += 1) theirs(1 + (i % 3), i);
    await unansweredCall();
    await vi.waitFor(() => expect(ours()).toHaveLength(1), { timeout: 5_000 });
    // Five by ben and one by ana (here and on the hub): six, so the seventh may go.
    const sixth = await ask('compliance/evaluate', { phone: NUMBER });
    expect(sixth.ledger).toEqual({ source: 'team', asOf: expect.any(Number) });
    expect(sixth.caps.caps.find((cap) => cap.capId === 'reg-f-7-in-7')).toMatchObject({ count: 6, allowed: true });
    expect(sixth.caps.reasons.some((reason) => reason.startsWith("counts cover the whole team's calls"))).toBe(true);
    const seventh = await unansweredCall();
    expect(seventh.verdict?.action).toBe('none');
    const eighth = await ask('compliance/evaluate', { phone: NUMBER });
    expect(eighth.caps.caps.find((cap) => cap.capId === 'reg-f-7-in-7')).toMatchObject({ count: 7, allowed: false });
    expect(eighth.action).toBe('block');
  });

  it('judges with the last counts it kept when the hub is unreachable, and says so; the policy can block', async () => {
    const { enroll, ask, keptCounts, unansweredCall, record } = setup();
    await enroll();
    for (let i = 0; i < 3; i += 1) theirs(1, i);
    const fresh = await ask('compliance/evaluate', { phone: NUMBER });
    expect(fresh.caps.caps.find((cap) => cap.capId === 'reg-f-7-in-7')?.count).toBe(3);
    await vi.waitFor(async () => expect(await keptCounts(NUMBER)).toBe(true));
    hub.down = true;
    const cached = await ask('compliance/evaluate', { phone: NUMBER });
    expect(cached.ledger).toMatchObject({ source: 'team-cached', asOf: fresh.ledger!.asOf });
    expect(cached.caps.caps.find((cap) => cap.capId === 'reg-f-7-in-7')?.count).toBe(3);
    expect(cached.violations.map((violation) => violation.code)).toEqual(['team-unavailable']);
    expect(cached.action).toBe('warn');
    // A call placed meanwhile goes ahead, with the warning on its record (not a block: the guard only warned).
    const dial = await unansweredCall();
    expect(dial.verdict?.action).toBe('warn');
    const [offline] = Object.values((await ask('tab/get-state', { tabId: 7 })).calls);
    expect((await record(offline!.id))?.complianceEvents?.map((event) => [event.kind, event.code])).toEqual([['warning', 'team-unavailable']]);
    // A number the hub never answered for: this browser's log only, said so.
    expect((await ask('compliance/evaluate', { phone: '+13125550199' })).ledger).toMatchObject({ source: 'local' });
    expect((await ask('team/get-status', {})).sync.hub).toBe('unreachable');

    await fakeBrowser.storage.managed.set({ hubUnreachable: 'block' });
    hub.down = false;
    const strict = setup();
    await strict.enroll('cy');
    hub.down = true;
    expect((await strict.ask('compliance/evaluate', { phone: NUMBER })).action).toBe('block');
  });

  it('a cease flag another agent set blocks the next dial here, and stays known while the hub is down', async () => {
    const { enroll, ask, unansweredCall } = setup();
    await enroll();
    hub.flags.push({ key: 'ben-flag', op: 'set', scope: 'number', numberE164: NUMBER, reason: 'cease-request', at: START - 60_000, agent: 'ben' });
    const dial = await unansweredCall();
    expect(dial.verdict?.action).toBe('block');
    expect(dial.verdict?.violations.map((violation) => violation.code)).toEqual(['do-not-call']);
    await vi.waitFor(async () => expect((await ask('compliance/list-flags', {})).some((flag) => flag.source === 'team')).toBe(true));
    hub.down = true;
    const offline = await ask('compliance/evaluate', { phone: NUMBER });
    expect(offline.doNotCall.blocked).toBe(true);
  });

  it('reads the team’s flag feed into the do-not-call store', async () => {
    const { enroll, ask } = setup();
    await enroll();
    hub.flags.push({ key: 'k1', op: 'set', scope: 'debtor', debtorRef: 'D-7', reason: 'dispute-pending', at: START - 1000, agent: 'ben' });
    await ask('team/sync-now', {});
    const flags = await ask('compliance/list-flags', {});
    expect(flags).toEqual([expect.objectContaining({ id: 'team:debtor:D-7:dispute-pending', source: 'team', setBy: 'ben', debtorRef: 'D-7' })]);
    expect((await ask('compliance/evaluate', { phone: NUMBER, debtorRef: 'D-7' })).doNotCall.blocked).toBe(true);
  });
});
