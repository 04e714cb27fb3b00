import type { ExportPageKey } from './export-read-ahead';

/**
 * Plans an export's reads as windows of start time after its first page (issue 17, item 2).
 *
 * Read page by page, each read starts where the one before ended, so IndexedDB waits while the worker takes in the
 * page before (its records are copied out of the database's format on the worker's thread, about a tenth of a
 * 10,000-record export). A window of start times does not depend on what the window before held, so its read can
 * be asked for as soon as the one before it is: the database reads back to back.
 *
 * The first page is read as before (up to the limit from the start of the range); its records give how many calls
 * a millisecond holds, and each window is sized to hold about {@link WINDOW_SHARE} of a page at that rate, learned
 * again from every window read. A window that holds a whole page anyway is cut at the limit and its rest read page by
 * page, so a burst costs reading ahead, never a record.
 */

/** The share of a page a window is sized to hold: below one, so a window rarely fills a page. */
export const WINDOW_SHARE = 0.75;
/** How much a window may grow or shrink against the one before, so one odd window does not throw the plan. */
export const WINDOW_CHANGE = 4;

/** What a read found: the records, and the window it read (undefined for a read up to the limit). */
export interface WindowRead<R> {
  records: R[];
  untilMs: number | undefined;
}

/** Creates the plan of one worker's exports (its estimate carries over from one export to the next). */
export function createExportWindows() {
  /** Milliseconds of start time per record, as the last read found it. */
  let msPerRecord: number | undefined;

  const windowFor = (key: ExportPageKey, previousSpan: number): number => {
    const wanted = msPerRecord === undefined ? previousSpan : key.limit * WINDOW_SHARE * msPerRecord;
    return Math.max(1, Math.round(Math.min(previousSpan * WINDOW_CHANGE, Math.max(previousSpan / WINDOW_CHANGE, wanted))));
  };

  /** Learns the rate from a read of `count` records that started in `spanMs` of time. */
  const learn = (spanMs: number, count: number): void => {
    // An empty window says the calls are at least twice as sparse as it.
    msPerRecord = Math.max(spanMs, 1) / Math.max(count, 0.5);
  };

  return {
    learn,

    /**
     * The read after a page read up to its limit, once its records are known: the rest of the window when it was cut
     * at the limit, a first window sized by its records, or nothing when the range is done.
     */
    following<R extends { startedAt: number; id: string }>(key: ExportPageKey, records: R[]): ExportPageKey | undefined {
      const first = records[0];
      const last = records.at(-1);
      if (records.length < key.limit || !first || !last) return undefined;
      const after = { startedAt: last.startedAt, id: last.id };
      if (key.untilMs !== undefined) return { ...key, after };
      learn(last.startedAt - first.startedAt + 1, records.length);
      const untilMs = Math.min(key.endMs, last.startedAt + windowFor(key, last.startedAt - first.startedAt + 1));
      return { ...key, after, untilMs };
    },

    /** The window after a window, known before its read answers; nothing after the range's last window. */
    planned(key: ExportPageKey): ExportPageKey | undefined {
      if (key.untilMs === undefined || key.untilMs >= key.endMs) return undefined;
      const from = key.after?.startedAt ?? key.startMs;
      const untilMs = Math.min(key.endMs, key.untilMs + windowFor(key, key.untilMs - from));
      // Everything before `untilMs` is in the windows before: an empty id comes before every record's id.
      return { ...key, after: { startedAt: key.untilMs, id: '' }, untilMs };
    },
  };
}

/**
 * Where the next page of an export starts and whether the file is complete, after a read of `limit` records at
 * most in the window `read.untilMs` (or up to the range's end): a full read continues after its last record, a
 * window that ends before the range does at the window's end, and anything else is the last page.
 */
export function pageEnd<R extends { startedAt: number; id: string }>(
  read: WindowRead<R>,
  request: { endMs: number; limit: number; after?: { startedAt: number; id: string } | undefined },
): { after: { startedAt: number; id: string } | undefined; finished: boolean } {
  const last = read.records.at(-1);
  if (read.records.length >= request.limit && last) return { after: { startedAt: last.startedAt, id: last.id }, finished: false };
  const windowEnd = Math.min(read.untilMs ?? request.endMs, request.endMs);
  if (windowEnd < request.endMs) return { after: { startedAt: windowEnd, id: '' }, finished: false };
  return { after: last ? { startedAt: last.startedAt, id: last.id } : request.after, finished: true };
}
