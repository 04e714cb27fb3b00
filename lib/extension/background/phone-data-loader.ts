import { hasPhoneData, installPhoneData, isPhoneData, PHONE_DATA_PATH, type PhoneData } from '../../phone/phone-data';
import { fetchPackageJson } from './package-file';

/**
 * The worker's phone tables (lib/phone/phone-data.ts): fetched from the package (`data/phone.json`, which the build
 * writes) once per worker life and installed, instead of bundled into background.js, where their 215 KB were
 * compiled at every start of the service worker (issue 17). The service awaits this before it hands any event to
 * a feature (service.ts), so no feature reads a number without them. A failed read is not kept: the next event
 * tries again.
 */
export function ensurePhoneData(): Promise<void> {
  if (hasPhoneData()) return Promise.resolve();
  pending ??= (source ?? (() => fetchPackageJson(PHONE_DATA_PATH)))()
    .then((value) => {
      if (!isPhoneData(value)) throw new Error(`${PHONE_DATA_PATH}: not the phone tables the build writes`);
      installPhoneData(value);
    })
    .catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
  return pending;
}

let pending: Promise<void> | undefined;
let source: (() => Promise<unknown>) | undefined;

/** Where {@link ensurePhoneData} reads from instead of the package (Node tests, which have no extension to fetch from). */
export function setPhoneDataSource(read: (() => Promise<PhoneData | unknown>) | undefined): void {
  source = read;
  pending = undefined;
}
