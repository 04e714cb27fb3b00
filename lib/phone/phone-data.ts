/**
 * The tables every phone-number reading rests on: libphonenumber-js's full ("max") metadata, libphonenumber's
 * prefix → time-zone map, the North American area codes and the US ZIP codes (lib/compliance/data/*.generated.ts).
 *
 * They are about 215 KB, most of the service worker's script, and most wakes of the worker (an alarm, a settings
 * read) never read a number. So the worker does not bundle them: it fetches {@link PHONE_DATA_PATH}, which the build
 * writes, before it handles any event (background/phone-data-loader.ts, awaited by the service's one gate), and
 * installs it here (issue 17, worker start). Pages and Node bundle them (bundled-phone-data.ts) and register them
 * as the fallback, read on first use.
 *
 * Reading a number before either happened is a bug in the caller, and fails loudly ({@link PhoneDataMissingError})
 * rather than reading every number as unknown.
 */
import type { MetadataJson } from 'libphonenumber-js/core';

/** Where the build writes the tables in the package, for the worker to fetch. */
export const PHONE_DATA_PATH = 'data/phone.json';

/** The tables, as the build writes them to {@link PHONE_DATA_PATH}. */
export interface PhoneData {
  /** libphonenumber-js's `metadata.max.json` (number types need the full set). */
  metadata: MetadataJson;
  /** IANA zones the two phone tables refer to by index. */
  zoneNames: readonly string[];
  /** `prefix:zoneIndex,…;…`: libphonenumber's phone-prefix → zones map. */
  packedPrefixZones: string;
  /** `npa:zoneIndex,…:US-XX,…;…`: North American area codes with their zones and states or provinces. */
  packedAreaCodes: string;
  /** IANA zones the ZIP runs refer to by index. */
  zipZoneNames: readonly string[];
  /** `start:zoneIndex&…:STATE;…`: from each start, ZIP codes up to the next start share zones and state. */
  packedZipRuns: string;
  /** Base64 bitmap over 00000–99999: bit `zip` is set when that ZIP code exists. */
  zipExistsBitmap: string;
}

/** Thrown when a number is read in a context that has neither installed the tables nor bundles them. */
export class PhoneDataMissingError extends Error {
  constructor() {
    super('OnScript read a phone number before its phone tables were loaded (lib/phone/phone-data.ts)');
    this.name = 'PhoneDataMissingError';
  }
}

let installed: PhoneData | undefined;
let fallback: (() => PhoneData) | undefined;

/** The tables: installed, else the bundled fallback (read once), else {@link PhoneDataMissingError}. */
export function phoneData(): PhoneData {
  if (!installed) {
    if (!fallback) throw new PhoneDataMissingError();
    installed = fallback();
  }
  return installed;
}

/** Whether {@link phoneData} answers without reading anything. */
export function hasPhoneData(): boolean {
  return installed !== undefined;
}

/** Installs the tables (the worker's fetched copy, or a test's). */
export function installPhoneData(data: PhoneData): void {
  installed = data;
}

/**
 * Registers the bundled tables, read on first use, for contexts that bundle them (pages, Node); `undefined`
 * unregisters. Either way, what was installed is forgotten, so the next reading starts from the new source.
 */
export function setPhoneDataFallback(read: (() => PhoneData) | undefined): void {
  fallback = read;
  installed = undefined;
}

/** A shape check of the file the build writes: enough to fail clearly on a wrong or truncated file. */
export function isPhoneData(value: unknown): value is PhoneData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  const metadata = data['metadata'] as Record<string, unknown> | null | undefined;
  const strings = (list: unknown) => Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === 'string');
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof metadata['countries'] === 'object' &&
    typeof metadata['country_calling_codes'] === 'object' &&
    strings(data['zoneNames']) &&
    strings(data['zipZoneNames']) &&
    ['packedPrefixZones', 'packedAreaCodes', 'packedZipRuns', 'zipExistsBitmap'].every((key) => typeof data[key] === 'string' && (data[key] as string).length > 0)
  );
}
