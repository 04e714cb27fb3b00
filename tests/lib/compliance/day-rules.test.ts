import { afterEach, describe, expect, it } from 'vitest';
import { evaluateDay } from '../../../lib/compliance/day-rules';
import { defineCustomProfile } from '../../../lib/compliance/profiles';

const restDays = defineCustomProfile({
  id: 'CN-REST',
  name: 'China, working days only',
  country: 'CN',
  hours: { start: '08:00', end: '22:00' },
  holidays: [{ source: 'chinese-days', block: 'rest-days' }],
});

/** The machine zones the suite must not depend on: far east and far west of UTC. */
const MACHINE_ZONES = ['Pacific/Kiritimati', 'America/Adak', 'UTC'];

describe('evaluateDay: the debtor’s local date decides, whatever zone the machine is in', () => {
  const original = process.env['TZ'];
  afterEach(() => {
    if (original === undefined) delete process.env['TZ'];
    else process.env['TZ'] = original;
  });

  it.each(MACHINE_ZONES)('Chinese holidays and adjusted working days hold with the machine in %s', (zone) => {
    // Node applies a changed TZ at once: Date methods that read the local zone follow it.
    process.env['TZ'] = zone;
    expect(evaluateDay(restDays, '2026-10-07', 'wed')).toMatchObject({ closed: true, reasons: ['2026-10-07 is a Chinese statutory holiday'] });
    expect(evaluateDay(restDays, '2026-10-08', 'thu').closed).toBe(false);
    expect(evaluateDay(restDays, '2026-02-14', 'sat').closed).toBe(false);
    expect(evaluateDay(restDays, '2026-03-07', 'sat')).toMatchObject({ closed: true, reasons: ['2026-03-07 is not an official working day in China'] });
    expect(evaluateDay(restDays, '2026-03-09', 'mon').closed).toBe(false);
  });
});
