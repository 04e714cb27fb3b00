/**
 * Reads an export's next pages while the current one is turned into text and carried to the page (issue 17, item 2).
 *
 * An export asks for its pages one after another, and each answer says where the next one starts. Without reading
 * ahead, IndexedDB sits idle while the worker builds a page's CSV and the page decodes it, and the worker waits for
 * each read in turn. Here, once a page is read, the read of the page after it starts, up to {@link READ_AHEAD_PAGES}
 * pages ahead of the one asked for, so IndexedDB reads without pause; a request takes its read if it asks for
 * exactly the next page soon enough, and otherwise reads afresh (and reading ahead restarts from there). Pages planned
 * as windows of start time (export-windows.ts) start reading before the page before them has answered.
 *
 * Only a cache: a worker that stops loses it and the next request reads as before. A read is taken at most
 * {@link READ_AHEAD_FRESH_MS} after it started, so a change saved during an export can be missed only by that
 * export's own later pages (which were being read as it was saved), never by a later export.
 */

/** How long a read ahead stays usable: an export asks for its next page within milliseconds of an answer. */
export const READ_AHEAD_FRESH_MS = 2_000;
/** Pages read ahead at most: two keep IndexedDB busy while a page is built and carried (bench: `notes`). */
export const READ_AHEAD_PAGES = 2;

/**
 * Where a page starts and how much it holds: a request and a read ahead match on all of it but `untilMs`, which a
 * request does not carry (it follows the `after` of the page before, whatever window that page was read in).
 */
export interface ExportPageKey {
  startMs: number;
  endMs: number;
  after: { startedAt: number; id: string } | undefined;
  limit: number;
  /** Where this read's window of start times ends (exclusive), when it was planned as one; else `endMs`. */
  untilMs?: number;
}

interface AheadRead<T> {
  key: string;
  startedAt: number;
  result: Promise<T>;
}

/**
 * One export's read ahead at a time (a second export simply reads for itself and the first one's reads are
 * dropped). `following` says which page comes after a page read, or undefined after the last. `planned`, when given,
 * may name the page after a read before that read answers (a window of start times that follows the read's own):
 * the next read then starts at once instead of waiting for the worker to take in the page before it.
 */
export function createExportReadAhead<T>(
  read: (key: ExportPageKey) => Promise<T>,
  following: (key: ExportPageKey, page: T) => ExportPageKey | undefined,
  now: () => number,
  planned: (key: ExportPageKey) => ExportPageKey | undefined = () => undefined,
) {
  let queue: AheadRead<T>[] = [];
  /** The page to read next once the queue has room, known when the page before it has been read. */
  let nextToRead: ExportPageKey | undefined;
  /** Bumped when an export's reads are dropped, so their late results start nothing. */
  let generation = 0;
  const keyOf = (key: ExportPageKey) => JSON.stringify([key.startMs, key.endMs, key.after?.startedAt, key.after?.id, key.limit]);

  function afterRead(key: ExportPageKey, result: Promise<T>, readGeneration: number): void {
    result.then(
      (page) => {
        if (readGeneration !== generation) return;
        nextToRead = following(key, page);
        fill();
      },
      () => undefined, // The request that takes this read reads again (see take).
    );
  }

  /** Starts the read for `key` and says what comes next: planned now, or once the read answers. */
  function start(key: ExportPageKey, result: Promise<T>): void {
    const next = planned(key);
    if (next) nextToRead = next;
    else afterRead(key, result, generation);
  }

  function fill(): void {
    while (nextToRead && queue.length < READ_AHEAD_PAGES) {
      const key = nextToRead;
      nextToRead = undefined;
      const entry = { key: keyOf(key), startedAt: now(), result: read(key) };
      queue.push(entry);
      start(key, entry.result);
    }
  }

  return {
    /** The page for `key`: the read started ahead for it when there is a fresh one, else a new read. */
    take(key: ExportPageKey): Promise<T> {
      const held = queue[0];
      if (held && held.key === keyOf(key) && now() - held.startedAt <= READ_AHEAD_FRESH_MS) {
        queue.shift();
        fill();
        return held.result.catch(() => read(key));
      }
      generation += 1;
      queue = [];
      nextToRead = undefined;
      const result = read(key);
      start(key, result);
      fill();
      return result;
    },
    /** How many reads are held ahead (tests). */
    get held(): number {
      return queue.length;
    },
  };
}
