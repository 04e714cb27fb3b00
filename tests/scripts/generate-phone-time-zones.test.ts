import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHONE_DATA_UPSTREAM } from '../../lib/compliance/data/phone-time-zones.generated';
import { generateFromSources, nanpAreaCodes, OUTPUT, parseNanpGeocoding, parsePhoneTimeZoneSource, placeCodes } from '../../scripts/generate-phone-time-zones';

describe('generate-phone-time-zones', () => {
  it('the committed table is exactly what the committed libphonenumber sources produce', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generateFromSources());
    expect(PHONE_DATA_UPSTREAM).toEqual({ repository: 'google/libphonenumber', commit: 'f7e3e88c92b905c8d6edb81f336dbe25edc05b52', date: '2026-07-17' });
  });

  it('reads upstream place names as states and provinces', () => {
    expect(placeCodes('Kentucky')).toEqual(['US-KY']);
    expect(placeCodes('Toronto, ON')).toEqual(['CA-ON']);
    expect(placeCodes('Nova Scotia/Prince Edward Island')).toEqual(['CA-NS', 'CA-PE']);
    expect(placeCodes('Washington State')).toEqual(['US-WA']);
    expect(placeCodes('Washington D.C.')).toEqual(['US-DC']);
    expect(placeCodes('British Colombia')).toEqual(['CA-BC']);
    expect(placeCodes('Bahamas')).toEqual([]);
  });

  it('takes every zone under an area code, exchange lines included', () => {
    const map = parsePhoneTimeZoneSource('1|America/New_York&America/Chicago\n1270|America/Chicago\n1270202|America/New_York\n1212|America/New_York\n');
    const areas = nanpAreaCodes(map, parseNanpGeocoding('1270|Kentucky\n1212|New York\n'));
    expect(areas).toEqual([
      { npa: '212', zones: ['America/New_York'], places: ['US-NY'] },
      { npa: '270', zones: ['America/Chicago', 'America/New_York'], places: ['US-KY'] },
    ]);
    expect(() => parseNanpGeocoding('1270 Kentucky')).toThrow(/geocoding line 1/);
  });
});
