import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateFromPackages, OUTPUT, renderZipModule, sameClock, zipZones } from '../../scripts/generate-zip-time-zones';

describe('generate-zip-time-zones', () => {
  it('the committed table is exactly what the installed zipcodes and geo-tz packages produce', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generateFromPackages().module);
    // Generating looks up 42,000 coordinates: seconds, not the default test budget.
  }, 120_000);

  it('keeps both clocks next to a state’s border, drops stray coordinates and military ZIPs', () => {
    const zone = (zones: string[]) => () => zones;
    const { rows, corrected } = zipZones(
      [
        { zip: '36867', state: 'AL', latitude: 32.5, longitude: -85 },
        { zip: '10200', state: 'NY', latitude: 42, longitude: 74 },
        { zip: '09001', state: 'AE', latitude: 50, longitude: 8 },
      ],
      (latitude) => (latitude > 40 ? ['Asia/Bishkek'] : ['America/New_York']),
    );
    expect(rows).toEqual([
      { zip: 10200, state: 'NY', zones: ['America/New_York'] },
      { zip: 36867, state: 'AL', zones: ['America/Chicago', 'America/New_York'] },
    ]);
    expect(corrected).toHaveLength(2);
    expect(zone(['x'])()).toEqual(['x']);
    expect(sameClock('America/Indiana/Indianapolis', 'America/New_York')).toBe(true);
    expect(sameClock('America/Chicago', 'America/New_York')).toBe(false);
  });

  it('packs runs and a bitmap of the ZIPs that exist', () => {
    const module = renderZipModule(
      [
        { zip: 501, state: 'NY', zones: ['America/New_York'] },
        { zip: 502, state: 'NY', zones: ['America/New_York'] },
        { zip: 601, state: 'PR', zones: ['America/Puerto_Rico'] },
      ],
      { zipcodes: '1', 'geo-tz': '2' },
    );
    expect(module).toContain('export const PACKED_ZIP_RUNS = "00501:0:NY;00601:1:PR";');
  });
});
