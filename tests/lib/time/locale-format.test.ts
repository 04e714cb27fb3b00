import { describe, expect, it } from 'vitest';
import { formatLocalClock, formatLocalDateTime } from '../../../lib/time/locale-format';

const at = Date.parse('2026-03-09T01:40:00Z');

describe('locale formatting', () => {
  it('shows the weekday and wall clock of each zone', () => {
    expect(formatLocalClock(at, 'America/New_York', 'en-US')).toBe('Sun 21:40:00');
    expect(formatLocalClock(at, 'Asia/Shanghai', 'en-US')).toBe('Mon 09:40:00');
    expect(formatLocalClock(at, 'Asia/Kathmandu', 'en-US')).toBe('Mon 07:25:00');
  });

  it('keeps formatters apart by language and zone', () => {
    expect(formatLocalDateTime(at, 'Asia/Shanghai', 'en-US')).toBe('Mon, 03/09/2026, 09:40');
    expect(formatLocalDateTime(at, 'America/New_York', 'en-US')).toBe('Sun, 03/08/2026, 21:40');
    expect(formatLocalDateTime(at, 'Asia/Shanghai', 'zh-CN')).toMatch(/^2026\/03\/09.*09:40$/);
    expect(formatLocalClock(at, 'Asia/Shanghai', 'zh-CN')).toMatch(/09:40:00$/);
    expect(formatLocalClock(at, 'Asia/Shanghai', 'zh-CN')).not.toBe(formatLocalClock(at, 'Asia/Shanghai', 'en-US'));
  });

  it('throws RangeError on an unknown zone', () => {
    expect(() => formatLocalClock(at, 'Mars/Olympus_Mons', 'en-US')).toThrow(RangeError);
  });
});
