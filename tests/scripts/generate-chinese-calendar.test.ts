import chineseCalendar from 'chinese-days/dist/chinese-days.json';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chineseYear, LAST_SHIPPED_CHINESE_YEAR } from '../../lib/compliance/day-rules';
import { OUTPUT, generateChineseCalendar, packByYear } from '../../scripts/generate-chinese-calendar';

describe('generate-chinese-calendar', () => {
  it('the committed module is what the installed chinese-days produces', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generateChineseCalendar());
  });

  it('the day rules read every holiday and adjusted working day of the package, and no other date', () => {
    const years = new Set(Object.keys(chineseCalendar.holidays).map((date) => Number(date.slice(0, 4))));
    expect(LAST_SHIPPED_CHINESE_YEAR).toBe(Math.max(...years));
    for (const year of years) {
      const shipped = chineseYear(year);
      const inYear = (dates: string[]) => dates.filter((date) => date.startsWith(`${year}-`)).sort();
      expect([...shipped.holidays].sort()).toEqual(inYear(Object.keys(chineseCalendar.holidays)));
      expect([...shipped.workdays].sort()).toEqual(inYear(Object.keys(chineseCalendar.workdays)));
    }
  });

  it('packs dates by year in order', () => {
    expect(packByYear(['2027-02-01', '2026-10-01', '2026-01-01'])).toEqual({ '2026': '0101 1001', '2027': '0201' });
  });
});
