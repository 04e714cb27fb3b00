import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { areaCodePlace, zipPlace } from '../../../lib/compliance/nanp';
import { lookupPhonePrefix, normalizePhone } from '../../../lib/compliance/time-zones';
import { bundledPhoneData, useBundledPhoneData } from '../../../lib/phone/bundled-phone-data';
import { installPhoneData, isPhoneData, phoneData, PhoneDataMissingError, setPhoneDataFallback } from '../../../lib/phone/phone-data';
import { phoneDataFrom } from '../../../lib/phone/phone-data-source';

const root = join(import.meta.dirname, '..', '..', '..');
/** What wxt.config.ts writes to data/phone.json for the worker. */
const asBuilt = () => JSON.parse(JSON.stringify(phoneDataFrom(readFileSync(join(root, 'node_modules/libphonenumber-js/metadata.max.json'), 'utf8'))));

afterEach(() => useBundledPhoneData());

describe('the phone tables', () => {
  it('the worker fetches (as the build writes them) are the ones pages bundle', () => {
    const built = asBuilt();
    expect(isPhoneData(built)).toBe(true);
    expect(built).toEqual(JSON.parse(JSON.stringify(bundledPhoneData())));
  });

  it('fail loudly when a context reads a number before loading them, rather than reading it as unknown', () => {
    setPhoneDataFallback(undefined);
    expect(() => normalizePhone('+8613800138000')).toThrow(PhoneDataMissingError);
    expect(() => areaCodePlace('212')).toThrow(PhoneDataMissingError);
    installPhoneData(asBuilt());
    expect(normalizePhone('+8613800138000')).toEqual({ e164: '+8613800138000', country: 'CN', type: 'MOBILE' });
  });

  it('are read through whichever tables were installed last, never a stale unpacked copy', () => {
    expect(areaCodePlace('212')?.subdivisions).toEqual(['US-NY']);
    expect(zipPlace('10001')?.subdivision).toBe('US-NY');
    expect(lookupPhonePrefix('1212')?.timeZones).toEqual(['America/New_York']);
    const real = phoneData();
    installPhoneData({ ...real, packedAreaCodes: '212:0:US-XX', packedPrefixZones: '1212:1', packedZipRuns: '00000:0:ZZ' });
    expect(areaCodePlace('212')).toEqual({ npa: '212', timeZones: [real.zoneNames[0]], subdivisions: ['US-XX'] });
    expect(lookupPhonePrefix('1212')?.timeZones).toEqual([real.zoneNames[1]]);
    expect(zipPlace('10001')?.subdivision).toBe('US-ZZ');
  });

  it('refuse a file that is not the tables: truncated, empty or of another shape', () => {
    const built = asBuilt();
    expect(isPhoneData({ ...built, metadata: { countries: {} } })).toBe(false);
    expect(isPhoneData({ ...built, zoneNames: [] })).toBe(false);
    expect(isPhoneData({ ...built, packedZipRuns: '' })).toBe(false);
    const { zipExistsBitmap: _dropped, ...withoutBitmap } = built;
    expect(isPhoneData(withoutBitmap)).toBe(false);
    expect(isPhoneData(null)).toBe(false);
    expect(isPhoneData('{}')).toBe(false);
  });
});
