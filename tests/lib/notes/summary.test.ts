import { describe, it, expect } from 'vitest';
import { summarizeDay, dayBounds, type SummaryInput } from '../../../lib/notes/summary.ts';

const at = (h: number, m = 0) => Date.UTC(2026, 10, 28, h - 8, m); // 2026-11-28 h:m in Shanghai

describe('summarizeDay', () => {
  const records: SummaryInput[] = [
    { startedAt: at(9, 0), connectedAt: at(9, 0) + 10_000, endedAt: at(9, 0) + 130_000, disposition: 'promise-to-pay', promiseToPay: { amount: '100.10', currency: 'CNY', date: '2026-12-01' } },
    { startedAt: at(9, 30), connectedAt: at(9, 30), endedAt: at(9, 30) + 60_000, disposition: 'promise-to-pay', promiseToPay: { amount: '0.20', currency: 'CNY', date: '2026-12-02' } },
    { startedAt: at(10, 15), connectedAt: at(10, 15), endedAt: at(10, 15) + 45_500, disposition: 'promise-to-pay', promiseToPay: { amount: '50', currency: 'USD', date: '2026-12-02' } },
    { startedAt: at(10, 20), endedAt: at(10, 21), disposition: 'no-answer' },
    { startedAt: at(14, 59), endedAt: at(15, 0) },
    { startedAt: at(15, 0), connectedAt: at(15, 0), disposition: 'refused' }, // still live: no talk time yet
    { startedAt: at(20, 0), connectedAt: at(20, 0), endedAt: at(20, 1), promiseToPay: { amount: '1e3', currency: 'CNY', date: '2026-12-03' } },
    { startedAt: at(0, 0) - 1, connectedAt: at(0, 0) - 1, endedAt: at(1, 0), disposition: 'paid' }, // previous day
    { startedAt: at(24, 0), disposition: 'paid' }, // next day
  ];

  const summary = summarizeDay(records, { day: '2026-11-28', timeZone: 'Asia/Shanghai' });

  it('counts calls and connects of the day only', () => {
    expect(summary.calls).toBe(7);
    expect(summary.connects).toBe(5);
  });

  it('adds up talk time of ended, answered calls', () => {
    expect(summary.talkTimeS).toBe(Math.round((120_000 + 60_000 + 45_500 + 60_000) / 1000));
  });

  it('counts outcomes by disposition, with no disposition under the empty code', () => {
    expect(summary.outcomes).toEqual({ 'promise-to-pay': 3, 'no-answer': 1, refused: 1, '': 2 });
  });

  it('totals promises per currency exactly and counts malformed ones apart', () => {
    expect(summary.promises).toEqual([
      { currency: 'CNY', total: '100.30', count: 2 },
      { currency: 'USD', total: '50', count: 1 },
    ]);
    expect(summary.invalidPromises).toBe(1);
  });

  it('fills 24 hourly buckets in local time', () => {
    expect(summary.hourly).toHaveLength(24);
    expect(summary.hourly[9]).toEqual({ hour: 9, calls: 2, connects: 2 });
    expect(summary.hourly[10]).toEqual({ hour: 10, calls: 2, connects: 1 });
    expect(summary.hourly[14]).toEqual({ hour: 14, calls: 1, connects: 0 });
    expect(summary.hourly.reduce((sum, bucket) => sum + bucket.calls, 0)).toBe(summary.calls);
  });

  it('reports the bounds it used', () => {
    expect([summary.startMs, summary.endMs]).toEqual(dayBounds('2026-11-28', 'Asia/Shanghai'));
  });

  it('handles the 25-hour fall-back day in New York', () => {
    const [start, end] = dayBounds('2026-11-01', 'America/New_York');
    const calls: SummaryInput[] = [
      { startedAt: Date.UTC(2026, 10, 1, 5, 30) }, // 01:30 EDT
      { startedAt: Date.UTC(2026, 10, 1, 6, 30) }, // 01:30 EST, the same wall hour again
      { startedAt: end - 1 },
      { startedAt: end },
    ];
    const result = summarizeDay(calls, { day: '2026-11-01', timeZone: 'America/New_York' });
    expect(end - start).toBe(25 * 3_600_000);
    expect(result.calls).toBe(3);
    expect(result.hourly[1]!.calls).toBe(2);
    expect(result.hourly[23]!.calls).toBe(1);
  });

  it('counts the first pass through a repeated midnight in the new day (Havana falls back from 01:00 to 00:00)', () => {
    const calls: SummaryInput[] = [
      { startedAt: Date.UTC(2026, 10, 1, 4, 30) }, // 00:30 CDT on 1 November
      { startedAt: Date.UTC(2026, 10, 1, 5, 30) }, // 00:30 CST, the same wall hour again
      { startedAt: Date.UTC(2026, 10, 1, 3, 59) }, // 23:59 CDT on 31 October
    ];
    const novemberFirst = summarizeDay(calls, { day: '2026-11-01', timeZone: 'America/Havana' });
    expect(novemberFirst.calls).toBe(2);
    expect(novemberFirst.hourly[0]!.calls).toBe(2);
    const octoberLast = summarizeDay(calls, { day: '2026-10-31', timeZone: 'America/Havana' });
    expect(octoberLast.calls).toBe(1);
    expect(octoberLast.hourly[23]!.calls).toBe(1);
  });

  it('is empty for Apia’s skipped 2011-12-30; the calls around it land on the 29th and 31st', () => {
    const jump = Date.UTC(2011, 11, 30, 10);
    const calls: SummaryInput[] = [{ startedAt: jump - 1 }, { startedAt: jump }];
    expect(summarizeDay(calls, { day: '2011-12-30', timeZone: 'Pacific/Apia' })).toMatchObject({ calls: 0, startMs: jump, endMs: jump });
    expect(summarizeDay(calls, { day: '2011-12-29', timeZone: 'Pacific/Apia' }).hourly[23]!.calls).toBe(1);
    expect(summarizeDay(calls, { day: '2011-12-31', timeZone: 'Pacific/Apia' }).hourly[0]!.calls).toBe(1);
  });

  it('is all zeros for an empty day', () => {
    const empty = summarizeDay([], { day: '2026-11-28', timeZone: 'Asia/Shanghai' });
    expect(empty).toMatchObject({ calls: 0, connects: 0, talkTimeS: 0, outcomes: {}, promises: [], invalidPromises: 0 });
  });
});
