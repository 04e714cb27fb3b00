import { afterEach, describe, expect, it } from 'vitest';
import { builtInPacks, setBuiltInPacksSource } from '../../../../lib/extension/background/built-in-packs';
import { builtInPacksJson, DEFAULT_PACKS } from '../../../../lib/packs/defaults';

const asPackaged = async () => JSON.parse(builtInPacksJson()) as unknown;

afterEach(() => setBuiltInPacksSource(asPackaged));

describe('the built-in packs as the worker reads them', () => {
  it('are the packs the pages bundle, unchanged by the trip through the package as JSON', async () => {
    expect(await builtInPacks()).toEqual(DEFAULT_PACKS);
  });

  it('are read once per worker life', async () => {
    let reads = 0;
    setBuiltInPacksSource(async () => ((reads += 1), asPackaged()));
    await builtInPacks();
    await builtInPacks();
    expect(reads).toBe(1);
  });

  it('fail clearly on a file that is not the packs, and read again on the next use', async () => {
    let reads = 0;
    setBuiltInPacksSource(async () => ((reads += 1), reads === 1 ? { packs: 'nope' } : asPackaged()));
    await expect(builtInPacks()).rejects.toThrow('packs/built-in.json: not the list of script packs the build writes');
    expect(await builtInPacks()).toEqual(DEFAULT_PACKS);
    expect(reads).toBe(2);
  });
});
