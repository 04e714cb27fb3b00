import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from '../../../components/notes/format';

describe('dates and times in the notes', () => {
  it('formats in the language and zone asked, whichever was asked before (the formatters are kept)', () => {
    const at = Date.UTC(2026, 10, 28, 2, 5, 9);
    const shanghai = formatDateTime(at, 'en', 'Asia/Shanghai');
    expect(shanghai).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(at));
    expect(formatDateTime(at, 'en', 'America/New_York')).not.toBe(shanghai);
    expect(formatDateTime(at, 'zh-CN', 'Asia/Shanghai')).toBe(new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(at));
    expect(formatDateTime(at, 'en', 'Asia/Shanghai')).toBe(shanghai);
    expect(formatTime(at, 'en', 'Asia/Shanghai')).toBe(new Intl.DateTimeFormat('en', { timeStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(at));
  });
});
