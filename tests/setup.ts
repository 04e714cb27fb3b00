import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setHolidayTableSource } from '../lib/compliance/holiday-tables';
import { setBuiltInPacksSource } from '../lib/extension/background/built-in-packs';
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
