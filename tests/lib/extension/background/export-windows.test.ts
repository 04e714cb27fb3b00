import { describe, expect, it } from 'vitest';
import type { ExportPageKey } from '../../../../lib/extension/background/export-read-ahead';
import { createExportWindows, pageEnd, WINDOW_CHANGE, WINDOW_SHARE } from '../../../../lib/extension/background/export-windows';

const rec = (startedAt: number, id = `r${startedAt}`) => ({ startedAt, id });
const key = (extra: Partial<ExportPageKey> = {}): ExportPageKey => ({ startMs: 0, endMs: 1_000_000, after: undefined, limit: 100, ...extra });

describe('export windows', () => {
  it("sizes the first window from the first page's rate, to hold part of a page", () => {
    const windows = createExportWindows();
    // 100 records, one every 10 ms: 0, 10, ... 990.
    const records = Array.from({ length: 100 }, (_, i) => rec(i * 10));
    const next = windows.following(key(), records);
    expect(next?.after).toEqual({ startedAt: 990, id: 'r990' });
    // About 9.9 ms a record (991 ms over 100), so a window of 75 records is about 743 ms.
    expect(next?.untilMs).toBe(990 + Math.round(100 * WINDOW_SHARE * (991 / 100)));
  });

  it('ends after a short page, and reads the rest of a window that filled a page', () => {
    const windows = createExportWindows();
    expect(windows.following(key(), [rec(1), rec(2)])).toBeUndefined();
    const full = Array.from({ length: 100 }, () => rec(500, 'x')).map((r, i) => ({ ...r, id: `x${String(i).padStart(3, '0')}` }));
    const window = key({ after: { startedAt: 400, id: '' }, untilMs: 600 });
    expect(windows.following(window, full)).toEqual({ ...window, after: { startedAt: 500, id: 'x099' } });
  });

  it('plans each window from the end of the one before, before its read answers, and none past the range', () => {
    const windows = createExportWindows();
    const first = key({ after: { startedAt: 1_000, id: 'a' }, untilMs: 2_000 });
    const second = windows.planned(first);
    // Nothing learned yet: the same width again, starting where the first ends, before every record there.
    expect(second).toEqual({ ...first, after: { startedAt: 2_000, id: '' }, untilMs: 3_000 });
    const last = windows.planned(key({ after: { startedAt: 999_000, id: '' }, untilMs: 1_000_000 }));
    expect(last).toBeUndefined();
    // The range's end bounds the window that reaches it.
    expect(windows.planned(key({ after: { startedAt: 998_000, id: '' }, untilMs: 999_500 }))?.untilMs).toBe(1_000_000);
  });

  it('grows windows at most fourfold after an empty one, and shrinks them at most fourfold after a full one', () => {
    const windows = createExportWindows();
    windows.learn(1_000, 0);
    const grown = windows.planned(key({ after: { startedAt: 0, id: '' }, untilMs: 1_000 }));
    expect(grown?.untilMs).toBe(1_000 + 1_000 * WINDOW_CHANGE);
    windows.learn(1_000, 10_000);
    const shrunk = windows.planned(key({ after: { startedAt: 0, id: '' }, untilMs: 1_000 }));
    expect(shrunk?.untilMs).toBe(1_000 + 1_000 / WINDOW_CHANGE);
  });
});

describe('pageEnd', () => {
  const request = { endMs: 1_000, limit: 3, after: { startedAt: 5, id: 'p' } };

  it('continues after the last record of a full page', () => {
    expect(pageEnd({ records: [rec(6), rec(7), rec(8)], untilMs: 50 }, request)).toEqual({ after: { startedAt: 8, id: 'r8' }, finished: false });
  });

  it("continues at a window's end, before every record that starts there", () => {
    expect(pageEnd({ records: [rec(6)], untilMs: 50 }, request)).toEqual({ after: { startedAt: 50, id: '' }, finished: false });
    expect(pageEnd({ records: [], untilMs: 50 }, request)).toEqual({ after: { startedAt: 50, id: '' }, finished: false });
  });

  it('finishes on a short page that reaches the range end, keeping the cursor it had when empty', () => {
    expect(pageEnd({ records: [rec(900)], untilMs: undefined }, request)).toEqual({ after: { startedAt: 900, id: 'r900' }, finished: true });
    expect(pageEnd({ records: [], untilMs: 5_000 }, request)).toEqual({ after: request.after, finished: true });
  });
});
