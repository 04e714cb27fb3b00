import { describe, it, expect } from 'vitest';
import { DEFAULT_RETENTION_DAYS, effectiveRetentionDays, retentionCutoff } from '../../../lib/notes/retention.ts';

describe('retentionCutoff', () => {
  const now = Date.UTC(2026, 10, 28, 12);

  it('is exactly N days before now', () => {
    expect(retentionCutoff(now, 90)).toBe(Date.UTC(2026, 7, 30, 12));
    expect(retentionCutoff(now, 1)).toBe(now - 86_400_000);
  });

  it('rejects nonsense retention', () => {
    for (const days of [0, -1, 1.5, Number.NaN, 100_000]) expect(() => retentionCutoff(now, days)).toThrow(RangeError);
  });

  it('lets a lead lock the value and falls back to the default', () => {
    expect(effectiveRetentionDays({})).toBe(DEFAULT_RETENTION_DAYS);
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    expect(effectiveRetentionDays({ days: 30 })).toBe(30);
    expect(effectiveRetentionDays({ days: 30, lockedDays: 180 })).toBe(180);
    expect(effectiveRetentionDays({ days: 0 })).toBe(90);
  });
});
