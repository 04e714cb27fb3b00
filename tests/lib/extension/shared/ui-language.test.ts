import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readUiLanguageInForce } from '../../../../lib/extension/shared/ui-language';
import { uiLanguageSetting } from '../../../../lib/extension/shared/settings';

describe('the interface language in force', () => {
  it("is the agent's setting, or auto", async () => {
    expect(await readUiLanguageInForce()).toBe('auto');
    await uiLanguageSetting.setValue('zh-CN');
    expect(await readUiLanguageInForce()).toBe('zh-CN');
  });

  it("is the policy's where the policy locks it, whatever the agent chose", async () => {
    await uiLanguageSetting.setValue('en');
    await fakeBrowser.storage.managed.set({ lockedSettings: ['uiLanguage'], uiLanguage: 'zh-CN' });
    expect(await readUiLanguageInForce()).toBe('zh-CN');
  });

  it('goes with the agent\'s choice when the policy answers after the deadline (a cold browser), and with the lock when it answers in time', async () => {
    await uiLanguageSetting.setValue('en');
    await fakeBrowser.storage.managed.set({ lockedSettings: ['uiLanguage'], uiLanguage: 'zh-CN' });
    const managed = fakeBrowser.storage.managed;
    const get = managed.get.bind(managed);
    // Chromium's first managed read of a session: about 3 s.
    vi.spyOn(managed, 'get').mockImplementation(async (...args: Parameters<typeof get>) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return get(...args);
    });
    expect(await readUiLanguageInForce({ policyDeadline: Promise.resolve() })).toBe('en');
    expect(await readUiLanguageInForce({ policyDeadline: new Promise((resolve) => setTimeout(resolve, 1_000)) })).toBe('zh-CN');
    expect(await readUiLanguageInForce()).toBe('zh-CN');
  });

  it("takes a language the policy gives without locking as the default: the agent's own choice wins over it", async () => {
    await fakeBrowser.storage.managed.set({ uiLanguage: 'zh-CN' });
    expect(await readUiLanguageInForce()).toBe('zh-CN');
    await uiLanguageSetting.setValue('en');
    expect(await readUiLanguageInForce()).toBe('en');
  });
});
