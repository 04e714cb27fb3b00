/**
 * When to autosave a note. Each change must be persisted within 1 s (issue 6) without writing on every
 * keystroke: a save runs {@link AutosaveTiming.debounceMs} after typing pauses, and at the latest
 * {@link AutosaveTiming.maxWaitMs} after the first unsaved change, so steady typing still saves every 800 ms.
 * Clocks and timers are injected, so the model runs under fake timers and in any context.
 */

/** Debounce and cap of the autosave. */
export interface AutosaveTiming {
  /** Quiet time after the last change before saving (default 300 ms). */
  debounceMs: number;
  /** Longest a change may wait for a save to start (default 800 ms); keep it under 1 s minus a save's duration. */
  maxWaitMs: number;
}

/** The default {@link AutosaveTiming}. */
export const DEFAULT_AUTOSAVE_TIMING: Readonly<AutosaveTiming> = { debounceMs: 300, maxWaitMs: 800 };

/**
 * When the next save is due: `debounceMs` after the last change, capped at `maxWaitMs` after the first
 * change not yet saved.
 */
export function nextSaveAt(firstUnsavedAt: number, lastChangeAt: number, timing: AutosaveTiming = DEFAULT_AUTOSAVE_TIMING): number {
  return Math.min(lastChangeAt + timing.debounceMs, firstUnsavedAt + timing.maxWaitMs);
}

/** What the scheduler needs from its environment. */
export interface AutosaveSchedulerOptions {
  /**
   * Writes the current draft. The scheduler never passes the text: the caller saves whatever is newest,
   * which is always at least what the change being saved put there.
   */
  persist: () => void | Promise<unknown>;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** Epoch ms. */
  now: () => number;
  timing?: Partial<AutosaveTiming>;
  /** How long to wait before retrying a failed save (default 1000 ms). */
  retryDelayMs?: number;
  /** Told about each failed save (a quota error, a sleeping worker); the draft stays unsaved and is retried. */
  onError?: (error: unknown) => void;
  /** Told when a change makes the draft dirty and when a save starts or ends, for a "saving…/saved" indicator. */
  onStateChange?: (state: AutosaveState) => void;
}

/** What the editor shows: unsaved changes exist, a save is running, and when the last one succeeded. */
export interface AutosaveState {
  dirty: boolean;
  saving: boolean;
  lastSavedAt?: number;
  lastError?: unknown;
}

/** Decides when to persist a note being edited. */
export interface AutosaveScheduler {
  /** Records a change made now. */
  change(): void;
  /** Saves now if anything is unsaved (closing the panel, ending a call); resolves when saved or failed. */
  flush(): Promise<void>;
  /** True while some change is not yet saved. */
  readonly dirty: boolean;
  readonly state: AutosaveState;
  /** Cancels timers; unsaved changes stay unsaved (call {@link AutosaveScheduler.flush} first). */
  dispose(): void;
}

/** Creates an autosave scheduler; see the module comment for the timing rule. */
export function createAutosaveScheduler(options: AutosaveSchedulerOptions): AutosaveScheduler {
  const timing: AutosaveTiming = { ...DEFAULT_AUTOSAVE_TIMING, ...options.timing };
  const retryDelayMs = options.retryDelayMs ?? 1000;
  /** Increments on every change; a save covers every change up to the sequence it started at. */
  let changeSeq = 0;
  let savedSeq = 0;
  let firstUnsavedAt: number | undefined;
  let timer: unknown;
  let timerPending = false;
  let inFlight: Promise<void> | undefined;
  let saveAgainAfterFlight = false;
  let disposed = false;
  let lastSavedAt: number | undefined;
  let lastError: unknown;
  /** Epoch ms before which no save is retried after a failure. */
  let retryNotBefore = -Infinity;

  const state = (): AutosaveState => ({
    dirty: changeSeq > savedSeq,
    saving: inFlight !== undefined,
    ...(lastSavedAt === undefined ? {} : { lastSavedAt }),
    ...(lastError === undefined ? {} : { lastError }),
  });
  const notify = (): void => options.onStateChange?.(state());

  function cancelTimer(): void {
    if (timerPending) options.clearTimeout(timer);
    timerPending = false;
  }

  function schedule(delayMs: number): void {
    cancelTimer();
    if (disposed) return;
    timerPending = true;
    timer = options.setTimeout(() => {
      timerPending = false;
      void save();
    }, Math.max(0, delayMs));
  }

  function save(): Promise<void> {
    if (inFlight) {
      // One write at a time: the running save may predate the latest change, so go again right after it.
      saveAgainAfterFlight = true;
      return inFlight;
    }
    if (changeSeq === savedSeq) return Promise.resolve();
    cancelTimer();
    const seq = changeSeq;
    const windowStart = firstUnsavedAt;
    firstUnsavedAt = undefined;
    const run = async (): Promise<boolean> => {
      try {
        await options.persist();
        savedSeq = Math.max(savedSeq, seq);
        lastSavedAt = options.now();
        lastError = undefined;
        retryNotBefore = -Infinity;
        return true;
      } catch (error) {
        lastError = error;
        // Keep the oldest unsaved time so later changes do not push its deadline back.
        firstUnsavedAt = Math.min(firstUnsavedAt ?? Infinity, windowStart ?? options.now());
        retryNotBefore = options.now() + retryDelayMs;
        options.onError?.(error);
        if (!disposed) schedule(retryDelayMs);
        return false;
      }
    };
    inFlight = run().then((succeeded) => {
      inFlight = undefined;
      // After a failure the retry timer decides; after a success, changes made meanwhile whose deadline
      // already passed are saved at once.
      const chain = succeeded && saveAgainAfterFlight && changeSeq > savedSeq && !disposed;
      saveAgainAfterFlight = false;
      notify();
      if (chain) void save();
    });
    notify();
    return inFlight;
  }

  return {
    change() {
      if (disposed) return;
      const now = options.now();
      const wasDirty = changeSeq > savedSeq;
      changeSeq += 1;
      firstUnsavedAt ??= now;
      // After a failure, wait out the retry delay instead of hitting a full disk on every keystroke.
      schedule(Math.max(nextSaveAt(firstUnsavedAt, now, timing), retryNotBefore) - now);
      if (!wasDirty) notify();
    },
    async flush() {
      // Let a running save finish (and the one it chains to a change made meanwhile), then save what is left.
      while (inFlight) await inFlight;
      if (changeSeq > savedSeq) await save();
    },
    get dirty() {
      return changeSeq > savedSeq;
    },
    get state() {
      return state();
    },
    dispose() {
      disposed = true;
      cancelTimer();
    },
  };
}
