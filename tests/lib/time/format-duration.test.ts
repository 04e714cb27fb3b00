import { describe, expect, it } from 'vitest';
import { callElapsedMs, formatDuration } from '../../../lib/time/format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [-5_000, '0:00'],
    [59_999, '0:59'],
    [61_000, '1:01'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('counts talk time from the connect, and stops at the end', () => {
    expect(callElapsedMs({ startedAt: 0, connectedAt: 5_000 }, 12_000)).toBe(7_000);
    expect(callElapsedMs({ startedAt: 0 }, 3_000)).toBe(3_000);
    expect(callElapsedMs({ startedAt: 0, connectedAt: 1_000, endedAt: 4_000 }, 99_000)).toBe(3_000);
  });
});
