import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../lib/calls/types';
import { listRecentCallRecords, listUnfinishedCallRecords, upsertCallRecord } from '../../../lib/db/calls-repository';
import { DB_VERSION, openOnScriptDb } from '../../../lib/db/schema';

let dbCounter = 0;
const freshName = () => `onscript-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`;

const record = (id: string, startedAt: number, extra: Partial<CallRecord> = {}): CallRecord => ({
  id,
  direction: 'outbound',
  remoteNumber: '13800138000',
  phase: 'connected',
  startedAt,
  origin: 'http://127.0.0.1',
  source: 'sip-ws',
  updatedAt: startedAt,
  ...extra,
});

describe('schema upgrades', () => {
  it('step 1 creates the calls store with its indexes on an empty database', async () => {
    const name = freshName();
    const db = await openOnScriptDb(1, name);
    expect([...db.objectStoreNames]).toEqual(['calls']);
    const store = db.transaction('calls').store;
    expect(store.keyPath).toBe('id');
    expect([...store.indexNames].sort()).toEqual(['by-remoteNumber', 'by-startedAt']);
    db.close();
  });

  it('step 2 adds the debtor and E.164 indexes over existing calls, and the compliance stores', async () => {
    const name = freshName();
    const v1 = await openOnScriptDb(1, name);
    await upsertCallRecord(v1, record('old', 1));
    v1.close();
    const v2 = await openOnScriptDb(2, name);
    expect([...v2.objectStoreNames].sort()).toEqual(['calls', 'doNotCall', 'importedAttempts']);
    expect([...v2.transaction('calls').store.indexNames].sort()).toEqual([
      'by-debtorRef',
      'by-numberE164',
      'by-remoteNumber',
      'by-startedAt',
    ]);
    expect(await v2.get('calls', 'old')).toMatchObject({ id: 'old', remoteNumber: '13800138000' });
    await v2.put('calls', { ...record('new', 2), debtorRef: 'ACC-1', numberE164: '+8613800138000' });
    expect((await v2.getAllFromIndex('calls', 'by-debtorRef', 'ACC-1')).map((r) => r.id)).toEqual(['new']);
    v2.close();
  });

  it('step 3 adds the follow-up indexes over existing calls without losing any', async () => {
    const name = freshName();
    const v2 = await openOnScriptDb(2, name);
    await v2.put('calls', { ...record('with-promise', 1), promiseToPay: { amount: '10.00', currency: 'CNY', date: '2026-11-30' }, notes: 'n' });
    await v2.put('calls', { ...record('with-callback', 2), callbackAt: 5_000 });
    await v2.put('calls', record('plain', 3));
    await v2.put('doNotCall', { id: 'f1', phoneE164: '+8613800138000' } as never);
    v2.close();
    const v3 = await openOnScriptDb(3, name);
    expect([...v3.transaction('calls').store.indexNames].sort()).toEqual([
      'by-callbackAt',
      'by-debtorRef',
      'by-numberE164',
      'by-promiseDate',
      'by-remoteNumber',
      'by-startedAt',
    ]);
    expect((await v3.getAll('calls')).map((r) => r.id).sort()).toEqual(['plain', 'with-callback', 'with-promise']);
    expect(await v3.count('doNotCall')).toBe(1);
    expect((await v3.getAllFromIndex('calls', 'by-promiseDate', '2026-11-30')).map((r) => r.id)).toEqual(['with-promise']);
    expect((await v3.getAllFromIndex('calls', 'by-callbackAt', IDBKeyRange.bound(4_000, 6_000))).map((r) => r.id)).toEqual([
      'with-callback',
    ]);
    expect(await v3.get('calls', 'with-promise')).toMatchObject({ notes: 'n' });
    v3.close();
  });

  it('step 4 adds the number-kinds store keyed by E.164, leaving calls and flags as they were', async () => {
    const name = freshName();
    const v3 = await openOnScriptDb(3, name);
    await v3.put('calls', { ...record('before', 1), disposition: 'VOICEMAIL' });
    await v3.put('doNotCall', { id: 'f1', reason: 'cease-request', scope: 'debtor', debtorRef: 'ACC-1', setAt: 1 });
    expect([...v3.objectStoreNames]).not.toContain('numberKinds');
    v3.close();
    const v4 = await openOnScriptDb(4, name);
    expect([...v4.objectStoreNames].sort()).toEqual(['calls', 'doNotCall', 'importedAttempts', 'numberKinds']);
    expect(v4.transaction('numberKinds').store.keyPath).toBe('phoneE164');
    await v4.put('numberKinds', { phoneE164: '+12125550199', kind: 'work', setAt: 5 });
    await v4.put('numberKinds', { phoneE164: '+12125550199', kind: 'personal', setAt: 6 });
    expect(await v4.getAll('numberKinds')).toEqual([{ phoneE164: '+12125550199', kind: 'personal', setAt: 6 }]);
    expect(await v4.get('calls', 'before')).toMatchObject({ disposition: 'VOICEMAIL' });
    expect(await v4.get('doNotCall', 'f1')).toMatchObject({ debtorRef: 'ACC-1' });
    expect([...v4.transaction('calls').store.indexNames]).toHaveLength(6);
    v4.close();
  });

  it('step 5 adds the phase index over existing calls, which finds the unfinished ones', async () => {
    const name = freshName();
    const v4 = await openOnScriptDb(4, name);
    await v4.put('calls', record('dialing', 1, { phase: 'dialing' }));
    await v4.put('calls', record('connected', 2));
    await v4.put('calls', { ...record('held', 3, { phase: 'held' }), notes: 'n' });
    await v4.put('calls', record('ringing', 4, { phase: 'ringing' }));
    await v4.put('calls', record('ended', 5, { phase: 'ended', endedAt: 6 }));
    v4.close();
    const v5 = await openOnScriptDb(5, name);
    expect([...v5.transaction('calls').store.indexNames]).toContain('by-phase');
    expect(await v5.count('calls')).toBe(5);
    expect((await listUnfinishedCallRecords(v5)).map((r) => r.id).sort()).toEqual(['connected', 'dialing', 'held', 'ringing']);
    expect(await v5.get('calls', 'held')).toMatchObject({ notes: 'n' });
    v5.close();
  });

  it('step 8 adds the team outbox and its state store beside existing data, and the outbox reads in queue order', async () => {
    const name = freshName();
    const v7 = await openOnScriptDb(7, name);
    await v7.put('calls', { ...record('before-team', 1), notes: 'n' });
    await v7.put('doNotCall', { id: 'f1', reason: 'cease-request', scope: 'debtor', debtorRef: 'D-1', setAt: 1 });
    v7.close();
    const v8 = await openOnScriptDb(8, name);
    expect([...v8.objectStoreNames].sort()).toEqual(['calls', 'complianceLog', 'debtorTimes', 'doNotCall', 'importedAttempts', 'meta', 'numberKinds', 'outbox', 'teamState']);
    const outbox = v8.transaction('outbox').store;
    expect(outbox.keyPath).toBe('id');
    expect([...outbox.indexNames]).toEqual(['by-seq']);
    expect(v8.transaction('teamState').store.keyPath).toBe('key');
    expect(await v8.get('calls', 'before-team')).toMatchObject({ notes: 'n' });
    expect(await v8.count('doNotCall')).toBe(1);
    await v8.put('outbox', { id: 'call:b', kind: 'call', callId: 'b', seq: 2 });
    await v8.put('outbox', { id: 'call:a', kind: 'call', callId: 'a', seq: 1 });
    expect((await v8.getAllFromIndex('outbox', 'by-seq')).map((row) => row.id)).toEqual(['call:a', 'call:b']);
    v8.close();
  });

  it('a version-1 database of 10,000 records upgrades to the current version with every record and index entry', async () => {
    const name = freshName();
    const v1 = await openOnScriptDb(1, name);
    const tx = v1.transaction('calls', 'readwrite');
    for (let i = 0; i < 10_000; i += 1) void tx.store.put(record(`r${i}`, 1_000 + i, { remoteNumber: `1380013${String(i % 1000).padStart(4, '0')}` }));
    await tx.done;
    v1.close();
    const current = await openOnScriptDb(DB_VERSION, name);
    expect(await current.count('calls')).toBe(10_000);
    expect(await current.countFromIndex('calls', 'by-startedAt')).toBe(10_000);
    expect(await current.countFromIndex('calls', 'by-remoteNumber', '13800130007')).toBe(10);
    expect(await current.countFromIndex('calls', 'by-phase', 'connected')).toBe(10_000);
    expect(await current.get('calls', 'r9999')).toMatchObject({ startedAt: 10_999 });
    current.close();
  });

  it('the current version opens over a version-1 database without losing records', async () => {
    const name = freshName();
    const v1 = await openOnScriptDb(1, name);
    await upsertCallRecord(v1, record('kept', 1));
    v1.close();
    const current = await openOnScriptDb(DB_VERSION, name);
    expect(await current.get('calls', 'kept')).toMatchObject({ id: 'kept' });
    current.close();
  });

  it('a version-0 (never opened) database is the only one step 1 runs on', async () => {
    const name = freshName();
    const raw = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('calls', { keyPath: 'id' }) });
    raw.close();
    // Already at version 1: step 1 does not run again, so no index is added over existing data.
    const db = await openOnScriptDb(1, name);
    expect([...db.transaction('calls').store.indexNames]).toEqual([]);
    db.close();
  });
});

describe('calls repository', () => {
  it('merges updates into the stored record instead of replacing it', async () => {
    const db = await openOnScriptDb(DB_VERSION, freshName());
    await db.put('calls', { ...record('a', 1), notes: 'keep me' } as CallRecord);
    await upsertCallRecord(db, record('a', 1, { phase: 'ended', endedAt: 5 }));
    expect(await db.get('calls', 'a')).toMatchObject({ phase: 'ended', endedAt: 5, notes: 'keep me' });
    db.close();
  });

  it('lists the most recent calls first through the index', async () => {
    const db = await openOnScriptDb(DB_VERSION, freshName());
    for (const [id, at] of [['old', 1], ['newest', 30], ['middle', 20]] as const) await upsertCallRecord(db, record(id, at));
    expect((await listRecentCallRecords(db, 2)).map((r) => r.id)).toEqual(['newest', 'middle']);
    db.close();
  });
});

describe('updateCallRecord', () => {
  it('changes one field without touching fields another feature wrote', async () => {
    const { updateCallRecord } = await import('../../../lib/db/calls-repository');
    const db = await openOnScriptDb(DB_VERSION, freshName());
    await upsertCallRecord(db, record('u', 1));
    await updateCallRecord(db, 'u', (r) => ({ ...r, notes: 'promised Friday' }));
    await updateCallRecord(db, 'u', (r) => ({ ...r, disposition: 'PTP' }));
    expect(await db.get('calls', 'u')).toMatchObject({ notes: 'promised Friday', disposition: 'PTP' });
    expect(await updateCallRecord(db, 'missing', (r) => r)).toBeUndefined();
    db.close();
  });

  it('step 6 adds the compliance log and the meta store beside the existing stores, losing nothing (issue 14, item 13)', async () => {
    const name = freshName();
    const v5 = await openOnScriptDb(5, name);
    await v5.put('calls', { ...record('kept', 1), callbackAt: 5 });
    v5.close();
    const v6 = await openOnScriptDb(6, name);
    expect([...v6.objectStoreNames].sort()).toEqual(['calls', 'complianceLog', 'doNotCall', 'importedAttempts', 'meta', 'numberKinds']);
    const log = v6.transaction('complianceLog').store;
    expect(log.keyPath).toBe('seq');
    expect([...log.indexNames]).toEqual(['by-at']);
    expect(await v6.get('calls', 'kept')).toMatchObject({ id: 'kept', callbackAt: 5 });
    await v6.put('complianceLog', { seq: 1, at: 9, kind: 'gate', prev: '0'.repeat(64), hash: 'h' });
    await v6.put('meta', { seq: 0, hash: '0'.repeat(64) }, 'complianceLogAnchor');
    expect((await v6.getAllFromIndex('complianceLog', 'by-at')).map((entry) => entry.seq)).toEqual([1]);
    v6.close();
  });

  it('step 7 adds the debtor-times store, keeping the log and the calls (issue 14, item 3)', async () => {
    const name = freshName();
    const v6 = await openOnScriptDb(6, name);
    await v6.put('calls', record('kept', 1));
    await v6.put('complianceLog', { seq: 1, at: 9, kind: 'gate', prev: '0'.repeat(64), hash: 'h' });
    v6.close();
    const v7 = await openOnScriptDb(7, name);
    expect([...v7.objectStoreNames]).toContain('debtorTimes');
    expect(v7.transaction('debtorTimes').store.keyPath).toBe('key');
    expect(await v7.get('calls', 'kept')).toBeDefined();
    expect(await v7.count('complianceLog')).toBe(1);
    await v7.put('debtorTimes', { key: 'D-1', times: [], updatedAt: 5 });
    expect((await v7.getAllFromIndex('debtorTimes', 'by-updatedAt')).map((entry) => entry.key)).toEqual(['D-1']);
    v7.close();
  });
});
