/**
 * libphonenumber-js with its full ("max") metadata, read when a number is first parsed rather than when the bundle
 * starts.
 *
 * The `max` entry point bundles the metadata as a 150 KB object literal that every start of the service worker
 * compiles and builds, though most wakes (an alarm, a settings read) never parse a number. Here the same file is
 * bundled as a string (Vite's `?raw`), which the engine scans in a fraction of the time, and parsed once on the first
 * call (about 2 ms). Same metadata, same results: only when the cost is paid moves (issue 17, worker start).
 */
import { getCountryCallingCode as coreCallingCode, parsePhoneNumberFromString as coreParse } from 'libphonenumber-js/core';
import type { CountryCallingCode, CountryCode, MetadataJson, PhoneNumber } from 'libphonenumber-js/core';
// The package's ES entry for the metadata is a module (`export default {…}`) around the JSON: its text, not its value.
import metadataModuleText from 'libphonenumber-js/metadata.max.json?raw';

export type { CountryCallingCode, CountryCode, PhoneNumber };

let metadata: MetadataJson | undefined;

/** The parsed metadata, built on first use and kept for the life of the context. */
function phoneMetadata(): MetadataJson {
  if (!metadata) {
    const json = /export\s+default\s+(\{[\s\S]*\})\s*;?\s*$/.exec(metadataModuleText)?.[1];
    // A new libphonenumber-js that wraps its metadata differently must fail loudly here, in every test.
    if (!json) throw new Error('libphonenumber-js/metadata.max.json: not the `export default {…}` module this reader expects');
    metadata = JSON.parse(json) as MetadataJson;
  }
  return metadata;
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
