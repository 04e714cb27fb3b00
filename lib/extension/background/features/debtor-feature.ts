import { DEBTOR_MESSAGES } from '../../../protocol/debtor-messages';
import { listDebtorTimes, migrateDebtorTimes, setDebtorTimes } from '../debtor-times';
import { defineBackgroundFeature } from '../feature';

/**
 * What debtors said about being called, kept by the background in IndexedDB (never in storage areas content scripts
 * read): their stated inconvenient times, which the compliance verdict honours. Moves an older release's
 * storage.local copy over when the worker starts.
 */
export const debtorFeature = defineBackgroundFeature({
  id: 'debtor',
  messages: DEBTOR_MESSAGES,
  create({ now, db }) {
    return {
      handlers: {
        'debtor/list-times': async () => listDebtorTimes(await db(), now()),
        'debtor/set-times': async ({ key, times }) => {
          await setDebtorTimes(await db(), key, times, now());
          return { saved: true as const };
        },
      },
      start() {
        void db()
          .then((database) => migrateDebtorTimes(database, now()))
          .catch((error: unknown) => console.error('OnScript could not move debtor times', error));
      },
    };
  },
});
