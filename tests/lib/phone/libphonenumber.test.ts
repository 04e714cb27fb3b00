import { describe, expect, it } from 'vitest';
import * as bundledMax from 'libphonenumber-js/max';
import { getCountryCallingCode, parsePhoneNumberFromString } from '../../../lib/phone/libphonenumber';

// The wrapper reads the same metadata as libphonenumber-js/max, later: every answer must match the bundled entry's.
const NUMBERS: [string, bundledMax.CountryCode | undefined][] = [
  ['+8613800138000', undefined],
  ['13800138000', 'CN'],
  ['010 6552 9988', 'CN'],
  ['(415) 555-2671', 'US'],
  ['+1 800 555 0199', undefined],
  ['+44 20 7946 0958', undefined],
  ['+353 1 800 0000', undefined],
  ['12', 'US'],
  ['not a number', 'US'],
];

describe('libphonenumber with metadata read on first use', () => {
  it.each(NUMBERS)('%s (region %s) parses as libphonenumber-js/max does', (text, region) => {
    const ours = parsePhoneNumberFromString(text, region);
    const theirs = bundledMax.parsePhoneNumberFromString(text, region);
    expect(ours?.number).toBe(theirs?.number);
    expect(ours?.country).toBe(theirs?.country);
    expect(ours?.isPossible()).toBe(theirs?.isPossible());
    expect(ours?.isValid()).toBe(theirs?.isValid());
    // Number types need the full metadata: the "min" flavour would answer undefined here.
    expect(ours?.getType()).toBe(theirs?.getType());
  });

  it('knows a mobile from a fixed line, which only the full metadata can tell', () => {
    expect(parsePhoneNumberFromString('+8613800138000')?.getType()).toBe('MOBILE');
    expect(parsePhoneNumberFromString('+861065529988')?.getType()).toBe('FIXED_LINE');
  });

  it('gives calling codes, and throws for a region it does not know', () => {
    expect(getCountryCallingCode('CN')).toBe('86');
    expect(getCountryCallingCode('IE')).toBe('353');
    expect(() => getCountryCallingCode('ZZ' as bundledMax.CountryCode)).toThrow();
  });
});
