/**
 * The phone tables bundled into the script that imports this (the side panel, Node tests and tools), rather than
 * fetched as the worker fetches them (see phone-data.ts). The metadata is bundled as text (Vite's `?raw`), which
 * the engine scans in a fraction of the time an object literal takes, and parsed on the first number.
 */
// The package's ES entry for the metadata is a module (`export default {…}`) around the JSON: its text, not its value.
import metadataModuleText from 'libphonenumber-js/metadata.max.json?raw';
import { setPhoneDataFallback, type PhoneData } from './phone-data';
import { phoneDataFrom } from './phone-data-source';

/** The bundled tables (parsed on each call: register them with {@link useBundledPhoneData} to parse once). */
export function bundledPhoneData(): PhoneData {
  return phoneDataFrom(metadataModuleText);
}

/** Makes the bundled tables the ones this context reads, parsed on the first number. Call once, at start. */
export function useBundledPhoneData(): void {
  setPhoneDataFallback(bundledPhoneData);
}
