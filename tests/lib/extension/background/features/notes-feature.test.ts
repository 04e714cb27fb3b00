import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallRecord } from '../../../../../lib/calls/types';
import { upsertCallRecord } from '../../../../../lib/db/calls-repository';
import { openOnScriptDb, type OnScriptDb, type StoredCallRecord } from '../../../../../lib/db/schema';
import { exportCsvChunks } from '../../../../../lib/export/csv';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import {
  onNotesAlarm,
  onNotesNotificationClicked,
  purgeExpiredRecords,
  RETENTION_ALARM,
  browserTimeZone,
  NEXT_FOLLOW_UP_ALARM,
  registerNotesBackground,
} from '../../../../../lib/extension/background/features/notes-feature';
import { agentNameSetting, followUpsNotifiedThroughItem, retentionDaysSetting } from '../../../../../lib/extension/shared/settings';
import { alarmNameFor } from '../../../../../lib/notes/follow-ups';
import { promiseReminderAt } from '../../../../../lib/notes/reminders';
import { dayBounds } from '../../../../../lib/notes/summary';
import { envelope } from '../../../../../lib/protocol/envelope';
import { type MessageType, type ProtocolMap } from '../../../../../lib/protocol/messages';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 2, 0); // 2026-11-28 10:00 in Shanghai
const TZ = 'Asia/Shanghai';
const panel = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` });

let counter = 0;
async function setup(openDb?: (name: string) => Promise<OnScriptDb>) {
  const name = `notes-${++counter}-${Math.random().toString(36).slice(2)}`;
  const db = await openOnScriptDb(undefined, name);
  const bg = createBackgroundService({ now: () => NOW, openDb: () => (openDb ? openDb(name) : openOnScriptDb(undefined, name)) });
  async function ask<T extends MessageType>(type: T, payload: ProtocolMap[T]['request']): Promise<ProtocolMap[T]['response']> {
    const reply = (await bg.onMessage(envelope(type, payload), panel())) as { ok: boolean; value?: unknown; error?: string };
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as ProtocolMap[T]['response'];
  }
  return { db, bg, ask };
}

const call = (id: string, startedAt: number, extra: Partial<StoredCallRecord> = {}): StoredCallRecord => ({
  id,
  origin: 'http://127.0.0.1',
  source: 'sip-ws',
  direction: 'outbound',
  remoteNumber: '13800138000',
  phase: 'ended',
  startedAt,
  connectedAt: startedAt + 5_000,
  endedAt: startedAt + 65_000,
  updatedAt: startedAt + 65_000,
  ...extra,
});

describe('notes/save', () => {
  it('masks a card number before storing, keeps the other fields and reports what was masked', async () => {
    const { db, ask } = await setup();
    await agentNameSetting.setValue('Li Lei');
    await db.put('calls', call('c1', NOW - 60_000, { scriptProgress: { step: 3 }, disposition: 'promise-to-pay' }));
    const result = await ask('notes/save', { callId: 'c1', notes: 'card 4111 1111 1111 1111 ok' });
    expect(result).toEqual({
      saved: true,
      notes: 'card ••••••••••••1111 ok',
      findings: [{ kind: 'card', masked: '••••••••••••1111' }],
      savedAt: NOW,
    });
    const stored = await db.get('calls', 'c1');
    expect(stored).toMatchObject({
      notes: 'card ••••••••••••1111 ok',
      agentName: 'Li Lei',
      scriptProgress: { step: 3 },
      disposition: 'promise-to-pay',
      redactions: [{ kind: 'card', masked: '••••••••••••1111', at: NOW }],
    });
    expect(JSON.stringify(stored)).not.toContain('4111 1111');
  });

  it('stores and clears the promise and the callback, and keeps the next follow-up alarm on the earliest', async () => {
    const { db, ask } = await setup();
    await db.put('calls', call('c1', NOW - 60_000));
    const promise = { amount: '1250.50', currency: 'CNY', date: '2026-12-01' };
    await ask('notes/save', { callId: 'c1', notes: 'will pay', promiseToPay: promise, callbackAt: NOW + 3_600_000 });
    expect(await db.get('calls', 'c1')).toMatchObject({ promiseToPay: promise, callbackAt: NOW + 3_600_000 });
    expect((await fakeBrowser.alarms.get(NEXT_FOLLOW_UP_ALARM))?.scheduledTime).toBe(NOW + 3_600_000);

    await ask('notes/save', { callId: 'c1', notes: 'changed mind', promiseToPay: null, callbackAt: null });
    const stored = await db.get('calls', 'c1');
    expect(stored?.promiseToPay).toBeUndefined();
    expect(stored?.callbackAt).toBeUndefined();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('says so when the record does not exist', async () => {
    const { ask } = await setup();
    await expect(ask('notes/save', { callId: 'nope', notes: 'x' })).resolves.toEqual({ saved: false, reason: 'no-record' });
  });

  it('reports a full disk as a quota problem instead of failing the message', async () => {
    const { db, ask } = await setup(async (name) => {
      const real = await openOnScriptDb(undefined, name);
      const transaction = real.transaction.bind(real);
      real.transaction = ((stores: never, mode?: IDBTransactionMode) => {
        if (mode === 'readwrite') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return transaction(stores, mode);
      }) as typeof real.transaction;
      return real;
    });
    await db.put('calls', call('c1', NOW - 60_000, { notes: 'before' }));
    await expect(ask('notes/save', { callId: 'c1', notes: 'after' })).resolves.toEqual({ saved: false, reason: 'quota' });
    expect((await db.get('calls', 'c1'))?.notes).toBe('before');
  });

  it('refuses malformed drafts', async () => {
    const { ask } = await setup();
    await expect(
      ask('notes/save', { callId: 'c1', notes: 'x', promiseToPay: { amount: '12,50', currency: 'CNY', date: '2026-12-01' } }),
    ).rejects.toThrow(/promiseToPay/);
    await expect(ask('notes/save', { callId: 'c1', notes: 'x'.repeat(100_001) })).rejects.toThrow(/notes/);
  });
});

describe('notes reads', () => {
  it('shows the history of the number and the debtor, newest first, without the call itself, and active flags', async () => {
    const { db, ask } = await setup();
    await db.put('calls', call('now', NOW, { numberE164: '+8613800138000', debtorRef: 'ACC-1' }));
    await db.put('calls', call('same-number', NOW - 2 * DAY_MS, { disposition: 'no-answer' }));
    await db.put('calls', call('same-e164', NOW - DAY_MS, { remoteNumber: '+86 138 0013 8000', numberE164: '+8613800138000' }));
    await db.put(
      'calls',
      call('same-debtor', NOW - 3 * DAY_MS, {
        remoteNumber: '13900139000',
        debtorRef: 'ACC-1',
        promiseToPay: { amount: '10.00', currency: 'CNY', date: '2026-11-20' },
        complianceEvents: [{ at: 1, kind: 'warning', code: 'quiet-hours', detail: 'late' }],
      }),
    );
    await db.put('calls', call('other', NOW - DAY_MS, { remoteNumber: '13700137000' }));
    await db.put('doNotCall', { id: 'f1', reason: 'dispute', scope: 'debtor', debtorRef: 'ACC-1', setAt: 5 } as never);
    await db.put('doNotCall', { id: 'f2', reason: 'cease', scope: 'debtor', debtorRef: 'ACC-1', setAt: 5, clearedAt: 6 } as never);

    const { entries, flags } = await ask('notes/history', { callId: 'now' });
    expect(entries.map((e) => e.id)).toEqual(['same-e164', 'same-number', 'same-debtor']);
    expect(entries[1]).toMatchObject({ disposition: 'no-answer' });
    expect(entries[2]).toMatchObject({ promiseToPay: { amount: '10.00' }, flags: ['warning:quiet-hours'] });
    expect(flags).toEqual([{ reason: 'dispute', scope: 'debtor', setAt: 5 }]);
  });

  it('lists follow-ups due today through the follow-up indexes', async () => {
    const { db, ask } = await setup();
    const [start] = dayBounds('2026-11-28', TZ);
    await db.put('calls', call('cb-today', NOW - DAY_MS, { callbackAt: start + 15 * 3_600_000 }));
    await db.put('calls', call('cb-tomorrow', NOW - DAY_MS, { callbackAt: start + DAY_MS + 1 }));
    await db.put('calls', call('ptp-today', NOW - 5 * DAY_MS, { promiseToPay: { amount: '5', currency: 'CNY', date: '2026-11-28' } }));
    await db.put('calls', call('ptp-later', NOW - 5 * DAY_MS, { promiseToPay: { amount: '5', currency: 'CNY', date: '2026-11-29' } }));
    const due = await ask('notes/today', { day: '2026-11-28', timeZone: TZ });
    expect(due.map((d) => [d.recordId, d.kind])).toEqual([
      ['ptp-today', 'promise'],
      ['cb-today', 'callback'],
    ]);
  });

  it('summarises a day', async () => {
    const { db, ask } = await setup();
    await db.put('calls', call('a', NOW, { disposition: 'promise-to-pay', promiseToPay: { amount: '100.50', currency: 'CNY', date: '2026-12-01' } }));
    await db.put('calls', call('b', NOW + 1_000, { connectedAt: undefined, disposition: 'no-answer' }));
    await db.put('calls', call('yesterday', NOW - DAY_MS));
    const summary = await ask('notes/summary', { day: '2026-11-28', timeZone: TZ });
    expect(summary).toMatchObject({ calls: 2, connects: 1, talkTimeS: 60, outcomes: { 'promise-to-pay': 1, 'no-answer': 1 } });
    expect(summary.promises).toEqual([{ currency: 'CNY', total: '100.50', count: 1 }]);
  });
});

describe('notes/export-page', () => {
  async function exportAll(ask: Awaited<ReturnType<typeof setup>>['ask'], format: 'csv' | 'json', startMs: number, endMs: number, limit = 2) {
    let page = await ask('notes/export-page', { format, startMs, endMs, timeZone: TZ, written: 0, limit });
    const texts = [page.text];
    const total = page.total;
    let pages = 1;
    const sizes = [page.written];
    while (!page.finished) {
      // An export that stops moving forward fails here instead of hanging the suite.
      if (pages > 1_000) throw new Error(`the export did not end (${page.written} written)`);
      const before = page.written;
      page = await ask('notes/export-page', {
        format,
        startMs,
        endMs,
        timeZone: TZ,
        written: page.written,
        limit,
        ...(page.after ? { after: page.after } : {}),
      });
      texts.push(page.text);
      pages += 1;
      sizes.push(page.written - before);
    }
    return { text: texts.join(''), total, pages, written: page.written, sizes };
  }

  it('writes every record once, in order, when pages after the first are read as windows of start time', async () => {
    // Seeded, so a failure repeats: clusters of calls, identical start times, bursts larger than a page and long
    // empty stretches, in the order the export must write them (start time, then id).
    for (const seed of [1, 7, 42, 2026]) {
      const { db, ask } = await setup();
      let state = seed;
      const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      const records: StoredCallRecord[] = [];
      let at = NOW - 9 * 3_600_000;
      for (let i = 0; records.length < 300; i++) {
        const roll = random();
        if (roll < 0.05) at += Math.floor(random() * 3 * 3_600_000); // an empty stretch of up to three hours
        else if (roll < 0.2) at += 0; // the same start time as the call before
        else at += 1 + Math.floor(random() * 90_000);
        const burst = random() < 0.03 ? 12 : 1; // more calls at one instant than a page holds
        for (let b = 0; b < burst; b++) records.push(call(`c${String(i).padStart(4, '0')}-${b}`, at));
        // A run of calls a millisecond apart, so windows of a few milliseconds end between two calls.
        if (random() < 0.02) for (let ms = 1; ms <= 30; ms++) records.push(call(`c${String(i).padStart(4, '0')}-r${ms}`, (at += 1)));
      }
      for (const record of records) await db.put('calls', record);
      const [startMs, endMs] = [NOW - 10 * 3_600_000, records.at(-1)!.startedAt + 3_600_000];
      const { text, written, sizes } = await exportAll(ask, 'csv', startMs, endMs, 7);
      const ordered = [...records].sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      let expected = '';
      for await (const chunk of exportCsvChunks(ordered, { timeZone: TZ })) expected += chunk;
      expect(written).toBe(records.length);
      expect(text).toBe(expected);
      // No page holds more than asked, and an empty window costs no round trip of its own: only the last page may
      // be empty.
      expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
      expect(sizes.slice(0, -1).every((size) => size > 0)).toBe(true);
    }
  });

  it('pages through a range (ties on start time included) into the same CSV the streaming exporter writes', async () => {
    const { db, ask } = await setup();
    const records = [
      call('r1', NOW, { notes: '客户说下周还, "ok"' }),
      call('r2', NOW + 1_000),
      call('r3', NOW + 1_000),
      call('r4', NOW + 1_000),
      call('r5', NOW + 2_000),
    ];
    for (const record of records) await db.put('calls', record);
    await db.put('calls', call('outside', NOW - DAY_MS));
    const [startMs, endMs] = dayBounds('2026-11-28', TZ);
    const { text, total, pages, written } = await exportAll(ask, 'csv', startMs, endMs);
    let expected = '';
    for await (const chunk of exportCsvChunks(records, { timeZone: TZ })) expected += chunk;
    expect(text).toBe(expected);
    expect(text.startsWith('\uFEFFcall_id,agent,started_at')).toBe(true);
    // Not counted up front (the count walked the index on the queue the page reads wait in): done so far is told.
    expect(total).toBeUndefined();
    expect(written).toBe(5);
    expect(pages).toBe(3);
  });

  it('tells the total of a range that fits in its first page', async () => {
    const { db, ask } = await setup();
    for (const id of ['a', 'b', 'c']) await db.put('calls', call(id, NOW + id.charCodeAt(0) * 1_000));
    const [startMs, endMs] = dayBounds('2026-11-28', TZ);
    const { total, pages, written } = await exportAll(ask, 'csv', startMs, endMs, 10);
    expect([total, pages, written]).toEqual([3, 1, 3]);
  });

  it('writes a JSON array across pages', async () => {
    const { db, ask } = await setup();
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) await db.put('calls', call(id, NOW + (i + 1) * 97_000));
    const [startMs, endMs] = dayBounds('2026-11-28', TZ);
    const { text } = await exportAll(ask, 'json', startMs, endMs);
    const parsed = JSON.parse(text) as { call_id: string; started_at: string }[];
    expect(parsed.map((row) => row.call_id)).toEqual(['a', 'b', 'c', 'd']);
    expect(parsed[0]?.started_at).toBe('2026-11-28T10:01:37+08:00');
  });

  it('writes an empty range as a header alone, and an empty JSON array', async () => {
    const { ask } = await setup();
    const [startMs, endMs] = dayBounds('2026-11-28', TZ);
    expect((await exportAll(ask, 'csv', startMs, endMs)).text).toBe('\uFEFFcall_id,agent,started_at,ended_at,duration_s,end_reason,direction,number_e164,number_raw,debtor_ref,disposition,promise_amount,promise_currency,promise_date,callback_at,pack_id,pack_version,compliance_flags,notes\r\n');
    expect(JSON.parse((await exportAll(ask, 'json', startMs, endMs)).text)).toEqual([]);
  });
});

describe('retention', () => {
  it('purges records older than the setting and keeps the rest', async () => {
    const { db, bg } = await setup();
    await retentionDaysSetting.setValue(30);
    await db.put('calls', call('old', NOW - 31 * DAY_MS, { callbackAt: NOW + DAY_MS }));
    await db.put('calls', call('recent', NOW - 29 * DAY_MS));
    await fakeBrowser.alarms.create(alarmNameFor('old', 'callback'), { when: NOW + DAY_MS });
    await expect(purgeExpiredRecords(bg.context)).resolves.toBe(1);
    expect((await db.getAll('calls')).map((r: CallRecord) => r.id)).toEqual(['recent']);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it("uses the lead's locked value over the agent's setting", async () => {
    const { db, bg } = await setup();
    await retentionDaysSetting.setValue(365);
    // (Locks and choices below the contact caps' 15 days keep 15: issue 14, item 3.)
    await fakeBrowser.storage.managed.set({ retentionDays: 20 });
    await db.put('calls', call('twenty-one-days', NOW - 21 * DAY_MS));
    await db.put('calls', call('nineteen-days', NOW - 19 * DAY_MS));
    await purgeExpiredRecords(bg.context);
    expect((await db.getAll('calls')).map((r: CallRecord) => r.id)).toEqual(['nineteen-days']);
  });

  it("uses the team's unlocked policy value only while the agent has not chosen one", async () => {
    const { db, bg } = await setup();
    await fakeBrowser.storage.managed.set({ retentionDays: 20, lockedSettings: ['complianceProfile'] });
    await db.put('calls', call('twenty-one-days', NOW - 21 * DAY_MS));
    await db.put('calls', call('forty-days', NOW - 40 * DAY_MS));
    await retentionDaysSetting.setValue(60);
    await purgeExpiredRecords(bg.context);
    expect((await db.getAll('calls')).map((r: CallRecord) => r.id).sort()).toEqual(['forty-days', 'twenty-one-days']);
    await retentionDaysSetting.removeValue();
    await purgeExpiredRecords(bg.context);
    expect((await db.getAll('calls')).map((r: CallRecord) => r.id)).toEqual([]);
  });

  it('keeps 90 days when nothing is set', async () => {
    const { db, bg } = await setup();
    await db.put('calls', call('eighty-nine', NOW - 89 * DAY_MS));
    await db.put('calls', call('ninety-one', NOW - 91 * DAY_MS));
    await purgeExpiredRecords(bg.context);
    expect((await db.getAll('calls')).map((r: CallRecord) => r.id)).toEqual(['eighty-nine']);
  });

  it('registers the daily purge alarm and runs it when it fires', async () => {
    const { db, bg } = await setup();
    await db.put('calls', call('ancient', NOW - 400 * DAY_MS));
    registerNotesBackground(bg.context);
    await expect.poll(() => fakeBrowser.alarms.get(RETENTION_ALARM)).toMatchObject({ periodInMinutes: 1440 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETENTION_ALARM, scheduledTime: NOW });
    await expect.poll(async () => (await db.getAll('calls')).length).toBe(0);
  });
});

describe('upsert by detection never drops notes', () => {
  it('keeps notes written by the notes feature when the call ends', async () => {
    const { db, ask } = await setup();
    await db.put('calls', call('c1', NOW, { phase: 'connected', endedAt: undefined }));
    await ask('notes/save', { callId: 'c1', notes: 'typed during the call' });
    await upsertCallRecord(db, call('c1', NOW));
    expect((await db.get('calls', 'c1'))?.notes).toBe('typed during the call');
  });
});

describe('follow-up reminders', () => {
  // The fake browser has no notifications API; stand one in for these tests only.
  const notifications = { create: vi.fn(async (_id: string, _options: object) => 'id'), clear: vi.fn(async () => true) };
  const holder = fakeBrowser as unknown as { notifications?: typeof notifications };
  afterEach(() => {
    delete holder.notifications;
    vi.clearAllMocks();
  });

  it('shows what the agent needs to find the record, and no number, debtor or amount; opens the record on click (issue 14, item 4)', async () => {
    holder.notifications = notifications;
    await fakeBrowser.storage.local.set({ 'settings.uiLanguage': 'en' });
    const { db, bg } = await setup();
    // Promised for yesterday: its 09:00 reminder is past in every zone, and after the last told instant.
    await db.put('calls', call('c/1', NOW - 2 * DAY_MS, { debtorRef: 'ACC-9', promiseToPay: { amount: '80.00', currency: 'CNY', date: '2026-11-27' } }));
    await followUpsNotifiedThroughItem.setValue(NOW - 2 * DAY_MS);
    await onNotesAlarm(bg.context, { name: NEXT_FOLLOW_UP_ALARM, scheduledTime: NOW } as Browser.alarms.Alarm);
    const name = alarmNameFor('c/1', 'promise');
    expect(notifications.create).toHaveBeenCalledWith(name, expect.objectContaining({ type: 'basic', title: 'Promise to pay due' }));
    const shown = JSON.stringify(notifications.create.mock.calls);
    for (const secret of ['13800138000', '8000', 'ACC-9', '80.00', 'CNY']) expect(shown, secret).not.toContain(secret);
    expect(shown).toContain('Open it in OnScript');

    const opened: string[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => void opened.push(tab.url ?? ''));
    await onNotesNotificationClicked(name);
    expect(opened).toEqual([fakeBrowser.runtime.getURL('/sidepanel.html?record=c%2F1')]);
    expect(notifications.clear).toHaveBeenCalledWith(name);
  });

  it("speaks the language the administrator's policy locks, not the agent's own setting", async () => {
    holder.notifications = notifications;
    await fakeBrowser.storage.local.set({ 'settings.uiLanguage': 'en' });
    await fakeBrowser.storage.managed.set({ lockedSettings: ['uiLanguage'], uiLanguage: 'zh-CN' });
    const { db, bg } = await setup();
    await db.put('calls', call('c2', NOW - 2 * DAY_MS, { promiseToPay: { amount: '80.00', currency: 'CNY', date: '2026-11-27' } }));
    await followUpsNotifiedThroughItem.setValue(NOW - 2 * DAY_MS);
    await onNotesAlarm(bg.context, { name: NEXT_FOLLOW_UP_ALARM, scheduledTime: NOW } as Browser.alarms.Alarm);
    expect(notifications.create).toHaveBeenCalledWith(alarmNameFor('c2', 'promise'), expect.objectContaining({ title: '承诺还款到期' }));
  });

  it('keeps one alarm for the next follow-up however many there are, beside the other features\' alarms (issue 14, item 12)', async () => {
    const { db, ask } = await setup();
    await fakeBrowser.alarms.create('onscript:packs:poll', { when: NOW + 60_000 });
    for (let n = 0; n < 600; n++) {
      await db.put('calls', call(`f${n}`, NOW - 60_000));
      await ask('notes/save', { callId: `f${n}`, notes: '', callbackAt: NOW + (n + 1) * 60_000 });
    }
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms.map((alarm) => alarm.name).sort()).toEqual([NEXT_FOLLOW_UP_ALARM, 'onscript:packs:poll']);
    expect((await fakeBrowser.alarms.get(NEXT_FOLLOW_UP_ALARM))?.scheduledTime).toBe(NOW + 60_000);
  });

  it('rebuilds the alarm from the indexes when the worker starts, after the browser dropped every alarm (issue 14, item 12)', async () => {
    const { db, bg } = await setup();
    await db.put('calls', call('later', NOW - DAY_MS, { callbackAt: NOW + 10 * DAY_MS }));
    await db.put('calls', call('sooner', NOW - DAY_MS, { promiseToPay: { amount: '1.00', currency: 'CNY', date: '2026-11-30' } }));
    // An old release's per-record alarm: gone once the one alarm is rebuilt.
    await fakeBrowser.alarms.create('onscript:follow-up:callback:later', { when: NOW + 10 * DAY_MS });
    registerNotesBackground(bg.context);
    // The promise's reminder (09:00 on the day, in the browser's zone) comes before the callback.
    await expect.poll(async () => (await fakeBrowser.alarms.get(NEXT_FOLLOW_UP_ALARM))?.scheduledTime).toBe(
      promiseReminderAt('2026-11-30', browserTimeZone()),
    );
    await expect.poll(async () => (await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name).sort()).toEqual([NEXT_FOLLOW_UP_ALARM, RETENTION_ALARM]);
  });

  it('on the alarm, tells every follow-up that came due since the last one (missed while closed too) and moves on to the next', async () => {
    holder.notifications = notifications;
    const { db, bg } = await setup();
    await followUpsNotifiedThroughItem.setValue(NOW - 3 * 3_600_000);
    await db.put('calls', call('missed', NOW - DAY_MS, { callbackAt: NOW - 2 * 3_600_000 }));
    await db.put('calls', call('now', NOW - DAY_MS, { callbackAt: NOW }));
    await db.put('calls', call('told', NOW - DAY_MS, { callbackAt: NOW - 4 * 3_600_000 }));
    await db.put('calls', call('next', NOW - DAY_MS, { callbackAt: NOW + 3_600_000 }));
    await onNotesAlarm(bg.context, { name: NEXT_FOLLOW_UP_ALARM, scheduledTime: NOW } as Browser.alarms.Alarm);
    expect(notifications.create.mock.calls.map(([id]) => id)).toEqual([alarmNameFor('missed', 'callback'), alarmNameFor('now', 'callback')]);
    expect(await followUpsNotifiedThroughItem.getValue()).toBe(NOW);
    expect((await fakeBrowser.alarms.get(NEXT_FOLLOW_UP_ALARM))?.scheduledTime).toBe(NOW + 3_600_000);
  });

  it('ignores alarms and notifications that are not follow-ups', async () => {
    holder.notifications = notifications;
    const { bg } = await setup();
    await onNotesAlarm(bg.context, { name: 'someone-else', scheduledTime: NOW } as Browser.alarms.Alarm);
    await onNotesNotificationClicked('someone-else');
    expect(notifications.create).not.toHaveBeenCalled();
    expect((await fakeBrowser.tabs.query({})).filter((tab) => tab.url?.includes('sidepanel'))).toEqual([]);
  });
});
