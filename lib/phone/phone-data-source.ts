/**
 * Builds {@link PhoneData} from its sources: libphonenumber-js's metadata module text and the generated tables.
 * Used by the build (wxt.config.ts writes the worker's copy, `data/phone.json`) and by the bundled copy pages and
 * Node read (bundled-phone-data.ts), so both are the same tables. Never imported by the worker.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import { PACKED_AREA_CODES, PACKED_PREFIX_ZONES, ZONE_NAMES } from '../compliance/data/phone-time-zones.generated';
import { PACKED_ZIP_RUNS, ZIP_EXISTS_BITMAP, ZIP_ZONE_NAMES } from '../compliance/data/zip-time-zones.generated';
import type { PhoneData } from './phone-data';

/**
 * The tables, from the text of libphonenumber-js's `metadata.max.json`: either the JSON itself (its `require`
 * entry) or the ES module around it (comments, then `export default {…}`: its `import` entry).
 */
export function phoneDataFrom(metadataText: string): PhoneData {
  const trimmed = metadataText.trim();
  const json = trimmed.startsWith('{') ? trimmed : /export\s+default\s+(\{[\s\S]*\})\s*;?\s*$/.exec(trimmed)?.[1];
  // A new libphonenumber-js that wraps its metadata differently must fail loudly here, in every test.
  if (!json) throw new Error('libphonenumber-js/metadata.max.json: neither the JSON nor the `export default {…}` module this reader expects');
  return {
    metadata: JSON.parse(json) as MetadataJson,
    zoneNames: ZONE_NAMES,
    packedPrefixZones: PACKED_PREFIX_ZONES,
    packedAreaCodes: PACKED_AREA_CODES,
    zipZoneNames: ZIP_ZONE_NAMES,
    packedZipRuns: PACKED_ZIP_RUNS,
    zipExistsBitmap: ZIP_EXISTS_BITMAP,
  };
}
