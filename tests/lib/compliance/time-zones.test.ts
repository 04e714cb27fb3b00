import { describe, expect, it } from 'vitest';
import { countryTimeZones, normalizePhone, resolveTimeZones } from '../../../lib/compliance/index';
import { lookupPhonePrefix } from '../../../lib/compliance/time-zones';
import { parsePhoneTimeZoneSource, renderPhoneTimeZoneModule } from '../../../scripts/generate-phone-time-zones';

describe('phone → zones', () => {
  it.each([
    ['+12125550100', ['America/New_York']],
    ['+19075550100', ['America/Adak', 'America/Anchorage', 'America/Juneau', 'Pacific/Honolulu']],
    ['+18085550100', ['Pacific/Honolulu']],
    ['+16715550100', ['Pacific/Guam']],
    ['+8613800138000', ['Asia/Shanghai']],
    ['+35312345678', ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London']],
    ['+442079460000', ['Europe/London']],
  ])('%s → %j', (phone, zones) => {
    expect(resolveTimeZones({ phone }).timeZones).toEqual(zones);
  });

  it('longest prefix wins over the area code', () => {
    expect(lookupPhonePrefix('12082015555')?.timeZones).toEqual(['America/Denver']);
    expect(lookupPhonePrefix('12082995555')?.timeZones).toEqual(['America/Boise', 'America/Los_Angeles']);
  });

  it('toll-free numbers and area codes missing from the map are unknown', () => {
    const tollFree = resolveTimeZones({ phone: '+1 877 555 0100' });
    expect(tollFree.timeZones).toEqual([]);
    expect(tollFree.source).toBe('unknown');
    expect(tollFree.country).toBe('US');
  });

  it('national numbers use the default country', () => {
    expect(normalizePhone('(212) 555-0100', 'US')?.e164).toBe('+12125550100');
    expect(normalizePhone('01 234 5678', 'IE')?.e164).toBe('+35312345678');
    expect(normalizePhone('hello', 'US')).toBeUndefined();
  });

  it('country zones: US states only, single-zone countries, multi-zone countries', () => {
    expect(countryTimeZones('US')).toContain('Pacific/Honolulu');
    expect(countryTimeZones('US')).not.toContain('Pacific/Guam');
    expect(countryTimeZones('CN')).toEqual(['Asia/Shanghai']);
    expect(countryTimeZones('JM')).toEqual(['America/Jamaica']);
    expect(countryTimeZones('ID')).toEqual(['Asia/Jakarta', 'Asia/Jayapura', 'Asia/Makassar']);
    expect(countryTimeZones('ZZ')).toEqual([]);
  });

  it('a ZIP code adds its zone to the number’s', () => {
    const result = resolveTimeZones({ phone: '+12125550100', location: { postalCode: '98101' } });
    expect(result.timeZones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(result.reasons.join('\n')).toMatch(/entered ZIP 98101 \(US-WA\) → America\/Los_Angeles/);
  });
});

describe('map generator', () => {
  it('keeps the licence header, packs entries and rejects malformed lines', () => {
    const source = parsePhoneTimeZoneSource('# Copyright X\n# Licensed under Apache\n\n1|America/New_York&America/Chicago\n1212|America/New_York\n');
    expect(source.entries).toEqual([
      { prefix: '1', zones: ['America/New_York', 'America/Chicago'] },
      { prefix: '1212', zones: ['America/New_York'] },
    ]);
    const module = renderPhoneTimeZoneModule(source);
    expect(module).toContain('// Licensed under Apache');
    expect(module).toContain('"1:1,0;1212:1"');
    expect(() => parsePhoneTimeZoneSource('1212 America/New_York')).toThrow(/line 1/);
    expect(() => renderPhoneTimeZoneModule(parsePhoneTimeZoneSource('1|Nowhere/Atlantis'))).toThrow();
  });
});
