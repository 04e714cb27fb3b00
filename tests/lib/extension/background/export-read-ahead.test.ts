import { describe, expect, it } from 'vitest';
import { createExportReadAhead, READ_AHEAD_FRESH_MS, READ_AHEAD_PAGES, type ExportPageKey } from '../../../../lib/extension/background/export-read-ahead';

/** Pages of `limit` numbers out of 0..total-1; each read is logged and answers when the test lets it. */
function fixture(total: number) {
  let clock = 0;
  const reads: (number | undefined)[] = [];
  const waiting: (() => void)[] = [];
  let failNext = false;
  const read = (key: ExportPageKey) => {
    const from = key.after ? Number(key.after.id) + 1 : 0;
    reads.push(key.after ? Number(key.after.id) : undefined);
    const fail = failNext;
    failNext = false;
    return new Promise<number[]>((resolve, reject) =>
      waiting.push(() => (fail ? reject(new Error('read failed')) : resolve(Array.from({ length: Math.max(0, Math.min(key.limit, total - from)) }, (_, i) => from + i)))),
    );
  };
  const following = (key: ExportPageKey, page: number[]) =>
    page.length < key.limit ? undefined : { ...key, after: { startedAt: 0, id: String(page.at(-1)) } };
  const ahead = createExportReadAhead(read, following, () => clock);
  const settle = async () => {
    // Answers every read asked so far, then lets the chained reads ask.
    for (let round = 0; round < 10; round++) {
      while (waiting.length) waiting.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  const key = (after?: number): ExportPageKey => ({ startMs: 0, endMs: 1, limit: 10, after: after === undefined ? undefined : { startedAt: 0, id: String(after) } });
  return { ahead, reads, settle, key, tick: (ms: number) => (clock += ms), failNextRead: () => (failNext = true) };
}

describe('export read ahead', () => {
  it('reads the following pages while a page is handled, and the requests take them', async () => {
    const { ahead, reads, settle, key } = fixture(45);
    const first = ahead.take(key());
    await settle();
    expect(await first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The first page's read started the second's, which started the third's; no further while two are held.
    expect(reads).toEqual([undefined, 9, 19]);
    expect(ahead.held).toBe(READ_AHEAD_PAGES);
    const second = ahead.take(key(9));
    await settle();
    expect((await second)[0]).toBe(10);
    expect(reads).toEqual([undefined, 9, 19, 29]);
    for (const after of [19, 29]) {
      ahead.take(key(after));
      await settle();
    }
    const last = ahead.take(key(39));
    await settle();
    expect(await last).toEqual([40, 41, 42, 43, 44]);
    // Every page was read once, and nothing past the short last page.
    expect(reads).toEqual([undefined, 9, 19, 29, 39]);
    expect(ahead.held).toBe(0);
  });

  it('reads afresh for a page other than the next, and drops what it held', async () => {
    const { ahead, reads, settle, key } = fixture(100);
    ahead.take(key());
    await settle();
    const elsewhere = ahead.take(key(49));
    await settle();
    expect((await elsewhere)[0]).toBe(50);
    expect(reads.slice(0, 4)).toEqual([undefined, 9, 19, 49]);
  });

  it('does not hand out a read older than the freshness limit', async () => {
    const { ahead, reads, settle, key, tick } = fixture(100);
    ahead.take(key());
    await settle();
    tick(READ_AHEAD_FRESH_MS + 1);
    const stale = ahead.take(key(9));
    await settle();
    expect((await stale)[0]).toBe(10);
    // Read again rather than taken: page 9 is asked a second time.
    expect(reads.filter((after) => after === 9)).toHaveLength(2);
  });

  it('reads again when the read ahead for the page failed', async () => {
    const { ahead, settle, key, failNextRead } = fixture(100);
    const first = ahead.take(key());
    failNextRead();
    // The first read answers, and the second page's read (started from it) fails.
    await settle();
    await first;
    const second = ahead.take(key(9));
    await settle();
    expect((await second)[0]).toBe(10);
  });

  it('starts a planned read at once, without waiting for the read before it to answer', async () => {
    const reads: (string | undefined)[] = [];
    const read = (key: ExportPageKey) => {
      reads.push(key.after ? `${key.after.startedAt}` : undefined);
      return new Promise<number[]>(() => undefined); // never answers: only planning can start the next
    };
    const planned = (key: ExportPageKey): ExportPageKey | undefined =>
      key.untilMs === undefined ? undefined : { ...key, after: { startedAt: key.untilMs, id: '' }, untilMs: key.untilMs + 10 };
    const ahead = createExportReadAhead(read, () => undefined, () => 0, planned);
    void ahead.take({ startMs: 0, endMs: 100, limit: 5, after: { startedAt: 10, id: '' }, untilMs: 20 });
    expect(reads).toEqual(['10', '20', '30']);
    expect(ahead.held).toBe(READ_AHEAD_PAGES);
  });
});

