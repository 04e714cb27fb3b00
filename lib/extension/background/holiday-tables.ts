import { holidayCountries, loadHolidayTables } from '../../compliance/holiday-tables';
import type { ComplianceProfile } from '../../compliance/profiles';
import { fetchPackageJson } from './package-file';

/**
 * Loads the generated holiday tables a profile's rules read (public/holidays/<CC>.json, shipped in the package)
 * before a verdict is evaluated: the worker fetches only the countries it meets, once per worker life, instead of
 * carrying date-holidays and its time-zone database in background.js.
 */
export function loadProfileHolidayTables(profile: Pick<ComplianceProfile, 'holidays'>): Promise<void> {
  const countries = holidayCountries(profile);
  if (countries.length === 0) return Promise.resolve();
  // Each path is one of the package's own files (holiday-tables.ts builds it from a checked country code).
  return loadHolidayTables(countries, fetchPackageJson);
}
