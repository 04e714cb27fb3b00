import { mergeDeliveredCalendars, parseDeliveredCalendars, type DeliveredCalendars } from '../../compliance/calendar-data';
import { readManagedPolicy, watchManagedPolicy } from '../shared/managed-policy';
import { cachedPackChannel } from './cached-setting';

/**
 * Holiday and adjusted-working-day tables delivered without a release: the managed policy's `holidayCalendars` and
 * the active team pack's `compliance.calendars` (checked when the pack was), merged so every source's closed days
 * count. Read once per worker life and again after either changes; a malformed policy part is left out and logged
 * (the shipped data still applies, and a year nothing covers blocks). Create it during the service's synchronous
 * set-up so the watchers are registered first.
 */
export function createDeliveredCalendars(): { load(): Promise<DeliveredCalendars> } {
  const channel = cachedPackChannel();
  let managed: Promise<DeliveredCalendars> | undefined;
  watchManagedPolicy(() => {
    managed = undefined;
  });
  const readManaged = () =>
    (managed ??= readManagedPolicy(['holidayCalendars'])
      .then((raw) => {
        const { calendars, errors } = parseDeliveredCalendars(raw['holidayCalendars']);
        if (errors.length > 0) {
          console.warn('OnScript ignored part of the holidayCalendars policy:', errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; '));
        }
        return calendars;
      })
      .catch((error: unknown) => {
        managed = undefined;
        throw error;
      }));
  return {
    async load() {
      const [fromPolicy, packs] = await Promise.all([readManaged(), channel()]);
      return mergeDeliveredCalendars(fromPolicy, packs?.active?.compliance.calendars);
    },
  };
}
