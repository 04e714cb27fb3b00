import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineStorageItem } from '../../../../lib/extension/shared/storage-item';
import { cachedSetting } from '../../../../lib/extension/background/cached-setting';

describe('cachedSetting', () => {
  it('reads storage once, then answers from memory', async () => {
    const item = defineStorageItem<string>('local:test.cached.region', { fallback: 'CN' });
    const read = vi.spyOn(item, 'getValue');
    const region = cachedSetting(item);
    expect(await region()).toBe('CN');
    expect(await region()).toBe('CN');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('re-reads after the setting changes (an options page writing it)', async () => {
    const item = defineStorageItem<string>('local:test.cached.changing', { fallback: 'CN' });
    const region = cachedSetting(item);
    expect(await region()).toBe('CN');
    await fakeBrowser.storage.local.set({ 'test.cached.changing': 'GB' });
    expect(await region()).toBe('GB');
  });

  it('does not keep a failed read', async () => {
    const item = defineStorageItem<string>('local:test.cached.failing', { fallback: 'CN' });
    vi.spyOn(item, 'getValue').mockRejectedValueOnce(new Error('storage unavailable'));
    const region = cachedSetting(item);
    await expect(region()).rejects.toThrow('storage unavailable');
    expect(await region()).toBe('CN');
  });
});
