import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../lib/calls/types';
import { updateCallRecord } from '../../../lib/db/calls-repository';
import { OUTBOX_STORES, queueOutbox, readOutbox, readTeamState, refuseOutboxRows, settleOutbox, writeTeamState } from '../../../lib/db/outbox';
import { DB_VERSION, openOnScriptDb, type OnScriptDb } from '../../../lib/db/schema';
import { callChanged, flagChanged } from '../../../lib/team/outbox';

let dbCounter = 0;
const open = () => openOnScriptDb(DB_VERSION, `outbox-${++dbCounter}-${Math.random().toString(36).slice(2)}`);
const call = (id: string): CallRecord => ({
  id,
  direction: 'outbound',
  remoteNumber: '+12125550100',
  phase: 'ended',
  startedAt: 1_700_000_000_000,
  origin: 'http://127.0.0.1',
  source: 'sip-ws',
  updatedAt: 1_700_000_000_000,
});
const enroll = (db: OnScriptDb) =>
  writeTeamState(db, 'enrollment', { hubUrl: 'https://hub.example', token: 'osh_x', agent: 'ana', team: 'default', role: 'agent', enrolledAt: 1 });

async function queue(db: OnScriptDb, ...requests: Parameters<typeof queueOutbox>[1]) {
  const tx = db.transaction([...OUTBOX_STORES], 'readwrite');
  await queueOutbox(tx, requests);
  await tx.done;
}

describe('the team outbox in IndexedDB', () => {
  it('queues nothing while the browser is not enrolled', async () => {
    const db = await open();
    await queue(db, callChanged('a'));
    await db.put('calls', call('c'));
    await updateCallRecord(db, 'c', (record) => ({ ...record, notes: 'not for any hub' }));
    expect(await readOutbox(db)).toEqual([]);
    db.close();
  });

  it('numbers rows in queue order, and a call changed again replaces its row with a later revision', async () => {
    const db = await open();
    await enroll(db);
    await writeTeamState(db, 'sequence', 100);
    await queue(db, callChanged('a'), flagChanged({ id: 'f', reason: 'cease-request', scope: 'debtor', debtorRef: 'D' }, 'set', 5));
    await queue(db, callChanged('a'));
    expect((await readOutbox(db)).map((row) => [row.id, row.seq])).toEqual([
      ['flag:f:set', 102],
      ['call:a', 103],
    ]);
    expect(await readTeamState(db, 'sequence')).toBe(103);
    db.close();
  });

  it('queues a record change with the change, in its transaction', async () => {
    const db = await open();
    await enroll(db);
    await db.put('calls', call('c'));
    await updateCallRecord(db, 'c', (record) => ({ ...record, disposition: 'PTP' }));
    expect(await readOutbox(db)).toEqual([{ id: 'call:c', kind: 'call', callId: 'c', seq: 1 }]);
    // A change that fails leaves neither the record nor the row.
    await expect(
      updateCallRecord(db, 'c', () => {
        throw new Error('bad change');
      }),
    ).rejects.toThrow('bad change');
    expect((await readOutbox(db)).map((row) => row.seq)).toEqual([1]);
    db.close();
  });

  it('settles a sent row only when it was not queued again meanwhile, and keeps refused rows', async () => {
    const db = await open();
    await enroll(db);
    await queue(db, callChanged('a'), callChanged('b'));
    const [sentA, sentB] = await readOutbox(db);
    await queue(db, callChanged('a'));
    await settleOutbox(db, [sentA!, sentB!]);
    expect((await readOutbox(db)).map((row) => [row.id, row.seq])).toEqual([['call:a', 3]]);
    const [pending] = await readOutbox(db);
    await refuseOutboxRows(db, [{ row: pending!, refusal: { at: 9, code: 'invalid-request', message: 'no' } }]);
    expect((await readOutbox(db))[0]).toMatchObject({ id: 'call:a', refused: { code: 'invalid-request' } });
    db.close();
  });
});
