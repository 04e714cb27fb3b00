import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onDialerAccessChanged, readDialerOriginsPolicy } from '../../../../lib/extension/pages/dialer-permissions';

describe('readDialerOriginsPolicy', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads the managed enabledDialerOrigins as patterns and warns about the entries it ignores', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.managed.set({ enabledDialerOrigins: ['https://flex.twilio.com', 'not a host', 7] });
    await expect(readDialerOriginsPolicy()).resolves.toEqual(['https://flex.twilio.com/*']);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[1])).toContain('entry 1: "not a host"');
  });

  it('is no policy when managed storage is empty or throws', async () => {
    await expect(readDialerOriginsPolicy()).resolves.toEqual([]);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage is not available'));
    await expect(readDialerOriginsPolicy()).resolves.toEqual([]);
  });
});

describe('onDialerAccessChanged', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('calls back on a new managed policy or a permission change, not on local storage, and stops after unsubscribing', async () => {
    // The fake browser has no permission events: a minimal in-memory one.
    const added = new Map<object, () => void>();
    for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) {
      vi.spyOn(event, 'addListener').mockImplementation((listener) => void added.set(event, listener as () => void));
      vi.spyOn(event, 'removeListener').mockImplementation(() => void added.delete(event));
    }
    const callback = vi.fn();
    const stop = onDialerAccessChanged(callback);
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(callback).not.toHaveBeenCalled();
    await fakeBrowser.storage.managed.set({ enabledDialerOrigins: ['https://flex.twilio.com'] });
    expect(callback).toHaveBeenCalledOnce();
    for (const listener of added.values()) listener();
    expect(callback).toHaveBeenCalledTimes(3);
    stop();
    expect(added.size).toBe(0);
    await fakeBrowser.storage.managed.set({ enabledDialerOrigins: [] });
    expect(callback).toHaveBeenCalledTimes(3);
  });
});
