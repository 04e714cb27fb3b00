import { afterEach, describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../../lib/compliance/time-zones';
import { ensurePhoneData, setPhoneDataSource } from '../../../../lib/extension/background/phone-data-loader';
import { bundledPhoneData, useBundledPhoneData } from '../../../../lib/phone/bundled-phone-data';
import { hasPhoneData, setPhoneDataFallback } from '../../../../lib/phone/phone-data';

const asPackaged = async () => JSON.parse(JSON.stringify(bundledPhoneData())) as unknown;

afterEach(() => {
  useBundledPhoneData();
  setPhoneDataSource(asPackaged);
});

describe('the phone tables as the worker loads them', () => {
  it('are fetched once per worker life and installed, with no bundled copy to fall back on', async () => {
    setPhoneDataFallback(undefined);
    let reads = 0;
    setPhoneDataSource(async () => ((reads += 1), asPackaged()));
    await Promise.all([ensurePhoneData(), ensurePhoneData()]);
    await ensurePhoneData();
    expect(reads).toBe(1);
    expect(hasPhoneData()).toBe(true);
    expect(normalizePhone('(415) 555-2671', 'US')?.e164).toBe('+14155552671');
  });

  it('fail clearly on a file that is not the tables, and read again on the next event', async () => {
    setPhoneDataFallback(undefined);
    let reads = 0;
    setPhoneDataSource(async () => ((reads += 1), reads === 1 ? { metadata: 'truncated' } : asPackaged()));
    await expect(ensurePhoneData()).rejects.toThrow('data/phone.json: not the phone tables the build writes');
    expect(hasPhoneData()).toBe(false);
    await ensurePhoneData();
    expect(reads).toBe(2);
    expect(hasPhoneData()).toBe(true);
  });

  it('read again after a failed fetch', async () => {
    setPhoneDataFallback(undefined);
    let reads = 0;
    setPhoneDataSource(async () => {
      reads += 1;
      if (reads === 1) throw new Error('data/phone.json: HTTP 404');
      return asPackaged();
    });
    await expect(ensurePhoneData()).rejects.toThrow('HTTP 404');
    await ensurePhoneData();
    expect(reads).toBe(2);
  });
});
