import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  alarmNameFor,
  allFollowUps,
  followUpsDueOn,
  nextFollowUpAlarms,
  parseAlarmName,
  type FollowUpInput,
} from '../../../lib/notes/follow-ups.ts';

const shanghai = (day: number, h: number, m = 0) => Date.UTC(2026, 10, day, h - 8, m);

const records: FollowUpInput[] = [
  { id: 'a', remoteNumber: '13800138000', callbackAt: shanghai(28, 15), debtorRef: 'D-1' },
  { id: 'b', remoteNumber: '13900139000', promiseToPay: { amount: '500', currency: 'CNY', date: '2026-11-28' } },
  { id: 'c', remoteNumber: '13700137000', callbackAt: shanghai(29, 0, 30), promiseToPay: { amount: '1', currency: 'CNY', date: '2026-12-01' } },
  { id: 'd', remoteNumber: '13600136000', callbackAt: shanghai(28, 8) },
  { id: 'e', remoteNumber: '13500135000', promiseToPay: { amount: '1', currency: 'CNY', date: 'soon' } },
  { id: 'f', remoteNumber: '13400134000' },
];

describe('followUpsDueOn', () => {
  it('lists callbacks within the local day and promises dated that day, earliest first', () => {
    const due = followUpsDueOn(records, { day: '2026-11-28', timeZone: 'Asia/Shanghai' });
    expect(due.map((f) => [f.recordId, f.kind])).toEqual([
      ['d', 'callback'],
      ['b', 'promise'],
      ['a', 'callback'],
    ]);
    expect(due[1]!.dueAt).toBe(shanghai(28, 9));
    expect(due[2]).toMatchObject({ debtorRef: 'D-1', remoteNumber: '13800138000', dueAt: shanghai(28, 15) });
  });

  it('puts a just-after-midnight callback on the next local day', () => {
    const due = followUpsDueOn(records, { day: '2026-11-29', timeZone: 'Asia/Shanghai' });
    expect(due.map((f) => f.recordId)).toEqual(['c']);
    expect(due[0]!.kind).toBe('callback');
  });

  it('uses the configured reminder time for promises', () => {
    const due = followUpsDueOn(records, { day: '2026-11-28', timeZone: 'Asia/Shanghai', promiseReminderTime: '14:30' });
    expect(due.find((f) => f.kind === 'promise')!.dueAt).toBe(shanghai(28, 14, 30));
  });
});

describe('promise reminders on days whose clock skips the reminder time', () => {
  it('reminds when the clock jumps past a reminder time in the spring gap (New York 02:30)', () => {
    const promise: FollowUpInput = { id: 'p', remoteNumber: '2125550100', promiseToPay: { amount: '1', currency: 'USD', date: '2026-03-08' } };
    const [due] = allFollowUps([promise], { timeZone: 'America/New_York', promiseReminderTime: '02:30' });
    expect(due!.dueAt).toBe(Date.UTC(2026, 2, 8, 7)); // 03:00 EDT
  });

  it('reminds of a promise dated Apia’s skipped 2011-12-30 when 2011-12-31 begins', () => {
    const promise: FollowUpInput = { id: 'p', remoteNumber: '+68521000', promiseToPay: { amount: '1', currency: 'WST', date: '2011-12-30' } };
    const [due] = allFollowUps([promise], { timeZone: 'Pacific/Apia' });
    expect(due!.dueAt).toBe(Date.UTC(2011, 11, 30, 10));
  });
});

describe('nextFollowUpAlarms', () => {
  it('returns future alarms only, earliest first, with callback lead time', () => {
    const alarms = nextFollowUpAlarms(records, { now: shanghai(28, 10), timeZone: 'Asia/Shanghai', callbackLeadMs: 5 * 60_000 });
    expect(alarms.map((a) => a.name)).toEqual([
      alarmNameFor('a', 'callback'),
      alarmNameFor('c', 'callback'),
      alarmNameFor('c', 'promise'),
    ]);
    expect(alarms[0]!.when).toBe(shanghai(28, 14, 55));
    expect(alarms[0]!.dueAt).toBe(shanghai(28, 15));
    expect(alarms[2]!.when).toBe(Date.UTC(2026, 11, 1, 1));
  });

  it('honours the limit and skips alarms at exactly now', () => {
    expect(nextFollowUpAlarms(records, { now: shanghai(28, 10), timeZone: 'Asia/Shanghai', limit: 1 })).toHaveLength(1);
    expect(nextFollowUpAlarms(records, { now: shanghai(28, 15), timeZone: 'Asia/Shanghai' }).map((a) => a.recordId)).not.toContain('a');
  });

  it('lists every well-formed follow-up in allFollowUps', () => {
    expect(allFollowUps(records, { timeZone: 'Asia/Shanghai' })).toHaveLength(5);
  });
});

describe('alarm names', () => {
  it('round-trips any record id and kind', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.constantFrom('callback' as const, 'promise' as const), (recordId, kind) => {
        expect(parseAlarmName(alarmNameFor(recordId, kind))).toEqual({ recordId, kind });
      }),
    );
  });

  it('ignores other alarms and malformed names', () => {
    expect(parseAlarmName('onscript:retention-purge')).toBeUndefined();
    expect(parseAlarmName('onscript:follow-up:visit:abc')).toBeUndefined();
    expect(parseAlarmName('onscript:follow-up:callback:')).toBeUndefined();
    expect(parseAlarmName('onscript:follow-up:callback:%E0%A4%A')).toBeUndefined();
    expect(alarmNameFor('id:with:colons', 'promise')).toBe('onscript:follow-up:promise:id%3Awith%3Acolons');
  });
});
