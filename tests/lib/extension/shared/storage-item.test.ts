import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { defineStorageItem } from '../../../../lib/extension/shared/storage-item';

describe('defineStorageItem', () => {
  it('reads nothing when declared', () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    defineStorageItem<string>('local:test.item.declared', { fallback: 'CN' });
    expect(get).not.toHaveBeenCalled();
  });

  it('gives the fallback when nothing or null is stored, and the stored value otherwise', async () => {
    const item = defineStorageItem<string | null>('local:test.item.value', { fallback: 'CN' });
    expect(await item.getValue()).toBe('CN');
    await fakeBrowser.storage.local.set({ 'test.item.value': null });
    expect(await item.getValue()).toBe('CN');
    await item.setValue('GB');
    expect(await fakeBrowser.storage.local.get('test.item.value')).toEqual({ 'test.item.value': 'GB' });
    expect(await item.getValue()).toBe('GB');
  });

  it('removes the key on removeValue and on a null or undefined value', async () => {
    const item = defineStorageItem<number | null>('local:test.item.removed', { fallback: null });
    await item.setValue(7);
    await item.setValue(null);
    expect(await fakeBrowser.storage.local.get('test.item.removed')).toEqual({});
    await item.setValue(8);
    await item.setValue(undefined);
    expect(await fakeBrowser.storage.local.get('test.item.removed')).toEqual({});
    await item.setValue(9);
    await item.removeValue();
    expect(await fakeBrowser.storage.local.get('test.item.removed')).toEqual({});
    expect(await item.getValue()).toBeNull();
  });

  it('keeps session items in storage.session', async () => {
    const item = defineStorageItem<Record<string, number>>('session:test.item.session', { fallback: {} });
    await item.setValue({ a: 1 });
    expect(await fakeBrowser.storage.session.get('test.item.session')).toEqual({ 'test.item.session': { a: 1 } });
    expect(await fakeBrowser.storage.local.get('test.item.session')).toEqual({});
  });

  it('says which area is missing where a context has no access to it, rather than failing on undefined', async () => {
    const item = defineStorageItem<Record<string, number>>('session:test.item.noSession', { fallback: {} });
    const storage = fakeBrowser.storage as { session: unknown };
    const session = storage.session;
    storage.session = undefined;
    try {
      await expect(item.getValue()).rejects.toThrow('storage.session is not available here, so session:test.item.noSession cannot be used');
      expect(() => item.watch(() => {})).toThrow('storage.session is not available here');
    } finally {
      storage.session = session;
    }
  });

  it('tells watchers of changes in its own area, with the fallback for an absent value, and not of equal writes', async () => {
    const item = defineStorageItem<{ zone: string } | null>('local:test.item.watched', { fallback: null });
    const heard: unknown[] = [];
    const stop = item.watch((newValue, oldValue) => heard.push([newValue, oldValue]));
    await item.setValue({ zone: 'Asia/Shanghai' });
    // Another key, the same key in the other area, and an equal value: none of them is this item's change.
    await fakeBrowser.storage.local.set({ 'test.item.other': 1 });
    await fakeBrowser.storage.session.set({ 'test.item.watched': { zone: 'Europe/Dublin' } });
    await item.setValue({ zone: 'Asia/Shanghai' });
    await item.removeValue();
    stop();
    await item.setValue({ zone: 'Europe/London' });
    expect(heard).toEqual([
      [{ zone: 'Asia/Shanghai' }, null],
      [null, { zone: 'Asia/Shanghai' }],
    ]);
  });

  it('reads what @wxt-dev/storage wrote at version 1, and writes what it reads', async () => {
    const earlier = storage.defineItem<string>('local:test.item.earlier', { fallback: '', version: 1 });
    await earlier.setValue('Ada');
    const item = defineStorageItem<string>('local:test.item.earlier', { fallback: '' });
    expect(await item.getValue()).toBe('Ada');
    await item.setValue('Grace');
    expect(await earlier.getValue()).toBe('Grace');
  });
});
