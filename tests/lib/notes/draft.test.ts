import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import fc from 'fast-check';
import { createAutosaveScheduler, DEFAULT_AUTOSAVE_TIMING, nextSaveAt, type AutosaveSchedulerOptions, type AutosaveTiming } from '../../../lib/notes/draft.ts';

/**
 * The save times the scheduler produces for changes at `changeTimes` (ascending epoch ms), assuming saves
 * take no time and never fail: the rule the live scheduler follows, as a model to check it against.
 */
function planAutosaves(changeTimes: readonly number[], timing: AutosaveTiming = DEFAULT_AUTOSAVE_TIMING): number[] {
  const saves: number[] = [];
  let firstUnsavedAt: number | undefined;
  let dueAt = Infinity;
  for (const at of changeTimes) {
    // A save that fell due before this change happened first and covered everything up to it.
    if (firstUnsavedAt !== undefined && dueAt <= at) {
      saves.push(dueAt);
      firstUnsavedAt = undefined;
    }
    firstUnsavedAt ??= at;
    dueAt = nextSaveAt(firstUnsavedAt, at, timing);
  }
  if (firstUnsavedAt !== undefined) saves.push(dueAt);
  return saves;
}


describe('planAutosaves', () => {
  it('saves 300 ms after a pause in typing', () => {
    expect(planAutosaves([0, 100, 200])).toEqual([500]);
    expect(planAutosaves([0, 1000])).toEqual([300, 1300]);
  });

  it('saves at most 800 ms after the first unsaved change while typing goes on', () => {
    const keystrokes = Array.from({ length: 30 }, (_, i) => i * 100); // 0..2900, every 100 ms
    // A save due at the same instant as a key press runs first; that key press opens the next window.
    expect(planAutosaves(keystrokes)).toEqual([800, 1600, 2400, 3200]);
  });

  it('saves every change within 1 s, whatever the typing rhythm', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        const changes: number[] = [];
        let t = 0;
        for (const gap of gaps) changes.push((t += gap));
        const saves = planAutosaves(changes);
        for (const change of changes) {
          const savedBy = saves.find((save) => save >= change);
          expect(savedBy).toBeDefined();
          expect(savedBy! - change).toBeLessThanOrEqual(800);
        }
      }),
    );
  });

  it('caps the debounce at the max wait', () => {
    expect(nextSaveAt(0, 700)).toBe(800);
    expect(nextSaveAt(0, 100)).toBe(400);
  });
});

describe('createAutosaveScheduler with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 28, 1));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const start = () => Date.UTC(2026, 10, 28, 1);

  function makeScheduler(overrides: Partial<AutosaveSchedulerOptions> = {}) {
    const saves: number[] = [];
    const scheduler = createAutosaveScheduler({
      persist: () => {
        saves.push(Date.now() - start());
      },
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
      ...overrides,
    });
    return { scheduler, saves };
  }

  it('debounces a burst of typing into one save 300 ms after the last key', async () => {
    const { scheduler, saves } = makeScheduler();
    scheduler.change();
    await vi.advanceTimersByTimeAsync(100);
    scheduler.change();
    await vi.advanceTimersByTimeAsync(100);
    scheduler.change();
    expect(scheduler.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([500]);
    expect(scheduler.dirty).toBe(false);
  });

  it('saves during steady typing at least every 800 ms', async () => {
    const { scheduler, saves } = makeScheduler();
    for (let i = 0; i < 25; i += 1) {
      scheduler.change();
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1000);
    // Keys at 0, 100, … 2400: capped saves every 800 ms, then one 300 ms after the last key.
    expect(saves).toEqual([800, 1600, 2400, 2700]);
    expect(scheduler.dirty).toBe(false);
  });

  it('persists each change within 1 s even when a save takes 150 ms', async () => {
    const changes: number[] = [];
    const saveStarts: { at: number; coversUpTo: number }[] = [];
    let lastChange = -1;
    const scheduler = createAutosaveScheduler({
      persist: async () => {
        const at = Date.now() - start();
        const coversUpTo = lastChange;
        await new Promise((resolve) => setTimeout(resolve, 150));
        saveStarts.push({ at: at + 150, coversUpTo });
      },
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
    });
    const rhythm = [0, 50, 60, 400, 420, 430, 440, 900, 1500, 1510, 1520, 1530, 1540, 1550, 1560, 1570, 1580, 1590, 2600];
    for (const t of rhythm) {
      await vi.advanceTimersByTimeAsync(t - (Date.now() - start()));
      lastChange = t;
      changes.push(t);
      scheduler.change();
    }
    await vi.advanceTimersByTimeAsync(3000);
    for (const change of changes) {
      const done = saveStarts.find((save) => save.coversUpTo >= change);
      expect(done, `change at ${change}`).toBeDefined();
      expect(done!.at - change).toBeLessThanOrEqual(1000);
    }
    expect(scheduler.dirty).toBe(false);
  });

  it('flush saves at once and waits for the write', async () => {
    const { scheduler, saves } = makeScheduler();
    scheduler.change();
    await vi.advanceTimersByTimeAsync(50);
    await scheduler.flush();
    expect(saves).toEqual([50]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(saves).toEqual([50]);
    await scheduler.flush();
    expect(saves).toEqual([50]);
  });

  it('keeps the draft dirty on a failed save, reports it, and retries', async () => {
    const errors: unknown[] = [];
    let failuresLeft = 2;
    const saves: number[] = [];
    const { scheduler } = makeScheduler({
      persist: () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new DOMException('quota', 'QuotaExceededError');
        }
        saves.push(Date.now() - start());
      },
      onError: (error) => errors.push(error),
      retryDelayMs: 1000,
    });
    scheduler.change();
    await vi.advanceTimersByTimeAsync(300);
    expect(errors).toHaveLength(1);
    expect(scheduler.dirty).toBe(true);
    expect(scheduler.state.lastError).toBeInstanceOf(DOMException);
    scheduler.change(); // typing on does not hammer the full disk
    await vi.advanceTimersByTimeAsync(999);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([2300]);
    expect(scheduler.dirty).toBe(false);
    expect(scheduler.state.lastError).toBeUndefined();
  });

  it('reports state changes for the saving indicator', async () => {
    const states: string[] = [];
    const { scheduler } = makeScheduler({
      onStateChange: (state) => states.push(`${state.dirty ? 'dirty' : 'clean'}${state.saving ? '+saving' : ''}`),
    });
    scheduler.change();
    scheduler.change();
    await vi.advanceTimersByTimeAsync(300);
    expect(states).toEqual(['dirty', 'dirty+saving', 'clean']);
  });

  it('does nothing after dispose', async () => {
    const { scheduler, saves } = makeScheduler();
    scheduler.change();
    scheduler.dispose();
    scheduler.change();
    await vi.advanceTimersByTimeAsync(2000);
    expect(saves).toEqual([]);
    expect(scheduler.dirty).toBe(true);
  });
});
