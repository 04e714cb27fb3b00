/**
 * libphonenumber-js with its full ("max") metadata, taken from the phone tables (phone-data.ts) when a number is
 * first parsed: the worker fetches them rather than bundling them, pages bundle them as text (issue 17, worker
 * start). Same metadata as `libphonenumber-js/max`, same results.
 */
import { getCountryCallingCode as coreCallingCode, parsePhoneNumberFromString as coreParse } from 'libphonenumber-js/core';
import type { CountryCallingCode, CountryCode, MetadataJson, PhoneNumber } from 'libphonenumber-js/core';
import { phoneData } from './phone-data';

export type { CountryCallingCode, CountryCode, PhoneNumber };

function phoneMetadata(): MetadataJson {
  return phoneData().metadata;
}

/** Parsing options as libphonenumber-js takes them (a default region, or the options object). */
export type PhoneParseOptions = CountryCode | { defaultCountry?: CountryCode; defaultCallingCode?: string; extract?: boolean };

/**
 * `parsePhoneNumberFromString` from libphonenumber-js (`max`): the number when `text` reads as a possible one,
 * else undefined.
 */
export function parsePhoneNumberFromString(text: string, options?: PhoneParseOptions): PhoneNumber | undefined {
  return options === undefined ? coreParse(text, phoneMetadata()) : coreParse(text, options, phoneMetadata());
}

/** `getCountryCallingCode` from libphonenumber-js: `86` for `CN`; throws for a region it does not know. */
export function getCountryCallingCode(country: CountryCode): CountryCallingCode {
  return coreCallingCode(country, phoneMetadata());
}
