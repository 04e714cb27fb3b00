import { describe, expect, it } from 'vitest';
import { resolveJurisdiction } from '../../../lib/compliance/jurisdiction';
import { areaCodePlace, canadianPostalProvinces, zipPlace } from '../../../lib/compliance/nanp';

describe('resolveJurisdiction: every source at once', () => {
  it('reads a split area code as every zone that appears under it, not the area code default', () => {
    const kentucky = resolveJurisdiction({ phone: '+1 270 234 5678' });
    expect(kentucky.timeZones).toEqual(['America/Chicago', 'America/New_York']);
    expect(kentucky.subdivisions).toEqual(['US-KY']);
    for (const npa of ['219', '250', '308', '418', '423', '541', '574', '606', '620', '709', '785', '807', '812', '850', '867', '906', '907']) {
      expect(areaCodePlace(npa)?.timeZones.length, npa).toBeGreaterThan(1);
    }
  });

  it('knows area codes opened after 2018', () => {
    expect(areaCodePlace('945')).toMatchObject({ subdivisions: ['US-TX'] });
    expect(areaCodePlace('983')).toMatchObject({ subdivisions: ['US-CO'], timeZones: ['America/Denver'] });
    expect(areaCodePlace('943')).toMatchObject({ subdivisions: ['US-GA'] });
    expect(areaCodePlace('656')?.subdivisions).toEqual(['US-FL']);
    expect(areaCodePlace('572')?.subdivisions).toEqual(['US-OK']);
  });

  it('adds an entered state to the number instead of replacing it, and says the sources disagree', () => {
    const place = resolveJurisdiction({ phone: '+1 212 736 5000', entered: { region: 'CA' } });
    expect(place.timeZones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(place.subdivisions).toEqual(['US-CA', 'US-NY']);
    expect(place.nyc).toBe(true);
    expect(place.conflicts).toEqual(['area code: US-NY; entered: US-CA']);
  });

  it('reads US ZIP codes and Canadian postal codes from entered or CRM locations', () => {
    const crm = resolveJurisdiction({ phone: '+1 512 555 0100', crm: { postalCode: '94105' } });
    expect(crm.timeZones).toEqual(['America/Chicago', 'America/Los_Angeles']);
    expect(crm.conflicts).toEqual(['area code: US-TX; CRM: US-CA']);
    expect(zipPlace('10001')).toMatchObject({ subdivision: 'US-NY', nyc: true, timeZones: ['America/New_York'] });
    expect(zipPlace('12207')).toMatchObject({ subdivision: 'US-NY', nyc: false });
    expect(zipPlace('00601')).toMatchObject({ subdivision: 'US-PR', timeZones: ['America/Puerto_Rico'] });
    expect(zipPlace('36867')?.timeZones).toEqual(['America/Chicago', 'America/New_York']);
    expect(zipPlace('00000')).toBeUndefined();
    expect(zipPlace('9410')).toBeUndefined();
    expect(canadianPostalProvinces('M5V 2T6')).toEqual(['CA-ON']);
    const bad = resolveJurisdiction({ phone: '+1 512 555 0100', entered: { postalCode: '00000' } });
    expect(bad.reasons).toContain('entered postal code "00000" is not a known US ZIP or Canadian postal code; ignored');
  });

  it('treats a toll-free number as saying nothing about where the debtor is', () => {
    const tollFree = resolveJurisdiction({ phone: '+1 800 555 0199' });
    expect(tollFree.timeZones).toEqual([]);
    expect(tollFree.countries).toEqual(['US']);
  });

  it('puts an Indonesian mobile in all three of Indonesia’s zones', () => {
    const mobile = resolveJurisdiction({ phone: '+62 812 3456 7890' });
    expect(mobile.timeZones).toEqual(['Asia/Jakarta', 'Asia/Jayapura', 'Asia/Makassar']);
    expect(mobile.countries).toEqual(['ID']);
  });

  it('places a number in its own country whatever the agent’s UI language or default country', () => {
    expect(resolveJurisdiction({ phone: '+1 212 736 5000', defaultCountry: 'CN' }).countries).toEqual(['US']);
    expect(resolveJurisdiction({ phone: '+86 138 0013 8000', defaultCountry: 'US' }).countries).toEqual(['CN']);
    expect(resolveJurisdiction({ phone: '13800138000', defaultCountry: 'CN' }).timeZones).toEqual(['Asia/Shanghai']);
  });

  it('spreads a country stated alone over its zones only when nothing else locates the debtor there', () => {
    const alone = resolveJurisdiction({ phone: '+1 800 555 0199', crm: { country: 'US' } });
    expect(alone.timeZones).toContain('America/Puerto_Rico');
    expect(alone.timeZones).toContain('Pacific/Honolulu');
    const located = resolveJurisdiction({ phone: '+1 212 736 5000', crm: { country: 'US' } });
    expect(located.timeZones).toEqual(['America/New_York']);
  });
});
