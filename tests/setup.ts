import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setHolidayTableSource } from '../lib/compliance/holiday-tables';
import { setBuiltInPacksSource } from '../lib/extension/background/built-in-packs';
import { setPhoneDataSource } from '../lib/extension/background/phone-data-loader';
import { bundledPhoneData, useBundledPhoneData } from '../lib/phone/bundled-phone-data';
import { builtInPacksJson } from '../lib/packs/defaults';
import { readHolidayTableFromDisk } from './fixtures/holiday-tables';

// Every test starts from an empty extension: no storage, no listeners left over from another test.
beforeEach(() => {
  fakeBrowser.reset();
});

// The generated holiday tables, read from disk as the worker would fetch them from the package.
setHolidayTableSource(readHolidayTableFromDisk);

// The built-in packs as the build writes them into the package, where the worker fetches them.
setBuiltInPacksSource(async () => JSON.parse(builtInPacksJson()));

// The phone tables: bundled, as pages read them; and as the worker fetches them from the package. A test of the
// worker's gate takes the bundled fallback away (tests/lib/extension/background/phone-data-gate.test.ts).
useBundledPhoneData();
setPhoneDataSource(async () => bundledPhoneData());
