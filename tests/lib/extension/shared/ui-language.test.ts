import { describe, expect, it } from 'vitest';
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

  it("takes a language the policy gives without locking as the default: the agent's own choice wins over it", async () => {
    await fakeBrowser.storage.managed.set({ uiLanguage: 'zh-CN' });
    expect(await readUiLanguageInForce()).toBe('zh-CN');
    await uiLanguageSetting.setValue('en');
    expect(await readUiLanguageInForce()).toBe('en');
  });
});
