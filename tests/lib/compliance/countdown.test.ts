import { describe, expect, it } from 'vitest';
import { deriveCountdown, formatCountdown, warningFor } from '../../../lib/compliance/countdown';

describe('countdown arithmetic', () => {
  it('formats h:mm:ss with unbounded hours, rounding up partial seconds', () => {
    expect(formatCountdown(0)).toBe('0:00:00');
    expect(formatCountdown(1)).toBe('0:00:01');
    expect(formatCountdown(59_000)).toBe('0:00:59');
    expect(formatCountdown(3_600_000 * 13 + 61_000)).toBe('13:01:01');
    expect(formatCountdown(-5_000)).toBe('0:00:00');
  });

  it('picks the smallest threshold crossed', () => {
    expect(warningFor(15 * 60_000 + 1)).toBeUndefined();
    expect(warningFor(15 * 60_000)).toBe(15);
    expect(warningFor(5 * 60_000 + 1)).toBe(15);
    expect(warningFor(5 * 60_000)).toBe(5);
    expect(warningFor(60_000)).toBe(1);
    expect(warningFor(0)).toBe(1);
  });

  it('counts to the closing while open and to the opening while closed', () => {
    expect(deriveCountdown({ allowed: true, closesAt: 10_000 }, 4_000)).toEqual({ state: 'open', target: 10_000, remainingMs: 6_000, warning: 1 });
    expect(deriveCountdown({ allowed: false, opensAt: 10_000 }, 4_000)).toEqual({ state: 'closed', target: 10_000, remainingMs: 6_000, warning: undefined });
    expect(deriveCountdown({ allowed: true }, 4_000)).toEqual({ state: 'open', warning: undefined });
    expect(deriveCountdown({ allowed: false }, 4_000)).toEqual({ state: 'closed', warning: undefined });
  });

  it('treats a verdict past its boundary as changed until a fresh one arrives', () => {
    expect(deriveCountdown({ allowed: true, closesAt: 10_000 }, 10_000)).toEqual({ state: 'closed', warning: undefined });
    expect(deriveCountdown({ allowed: false, opensAt: 10_000 }, 10_500)).toEqual({ state: 'open', warning: undefined });
  });
});
