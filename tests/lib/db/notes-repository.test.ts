import { describe, expect, it } from 'vitest';
import { purgeCallsBefore, readCallsPage } from '../../../lib/db/notes-repository';
import { DB_VERSION, openOnScriptDb, type StoredCallRecord } from '../../../lib/db/schema';

let count = 0;
const record = (id: string, startedAt: number): StoredCallRecord => ({
  id,
  direction: 'outbound',
  remoteNumber: '1',
  phase: 'ended',
  startedAt,
  origin: 'http://127.0.0.1',
  source: 'sip-ws',
  updatedAt: startedAt,
});

async function pages(db: Awaited<ReturnType<typeof openOnScriptDb>>, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: { startedAt: number; id: string } | undefined;
  for (;;) {
    const page = await readCallsPage(db, 0, 10_000, after, limit);
    ids.push(...page.map((r) => r.id));
    const last = page.at(-1);
    if (page.length < limit || !last) return ids;
    after = { startedAt: last.startedAt, id: last.id };
  }
}

describe('readCallsPage', () => {
  it('pages through start-time ties without skipping or repeating', async () => {
    const db = await openOnScriptDb(DB_VERSION, `pages-${++count}`);
    const all = [
      ...Array.from({ length: 7 }, (_, i) => record(`a${i}`, 100)),
      ...Array.from({ length: 5 }, (_, i) => record(`b${i}`, 200)),
      record('late', 9_999),
      record('outside', 10_000),
    ];
    for (const r of all) await db.put('calls', r);
    const ids = await pages(db, 3);
    expect(ids).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b0', 'b1', 'b2', 'b3', 'b4', 'late']);
    expect(new Set(ids).size).toBe(ids.length);
    db.close();
  });

  it('falls back to the cursor when more ties than the headroom share one start time', async () => {
    const db = await openOnScriptDb(DB_VERSION, `pages-${++count}`);
    const ids = Array.from({ length: 300 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    for (const id of ids) await db.put('calls', record(id, 500));
    expect(await pages(db, 10)).toEqual(ids);
    db.close();
  });
});

describe('purgeCallsBefore', () => {
  it('purges records that started strictly before the cutoff and keeps the one at it', async () => {
    const db = await openOnScriptDb(DB_VERSION, `purge-${++count}`);
    for (const r of [record('old', 999), record('edge', 1_000), record('new', 1_001)]) await db.put('calls', r);
    expect(await purgeCallsBefore(db, 1_000)).toEqual(['old']);
    expect((await db.getAll('calls')).map((r) => r.id).sort()).toEqual(['edge', 'new']);
    db.close();
  });
});
