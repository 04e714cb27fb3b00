import type { Page } from 'playwright-core';

/**
 * The options page as the screenshots and the end-to-end suite drive it: the interface language through
 * storage, a topic opened by its address, a shipped pack loaded into the pack editor.
 */

/** Saves the interface language the options page and the panel follow. */
export async function setUiLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.evaluate(async (value) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await chrome.storage.local.set({ 'settings.uiLanguage': value });
  }, language);
}

/** Opens a topic by its address (`options.html#team`), as a bookmark or a reload does, and waits for its heading. */
export async function openOptionsTopic(page: Page, optionsUrl: string, view: string): Promise<void> {
  await page.goto(`${optionsUrl}#${view}`);
  await page.reload();
  await page.locator('.options-view:not([hidden]) h2').first().waitFor();
}

/** In the pack editor view: loads the first shipped pack, so the form, the report and the preview fill. */
export async function loadShippedPack(page: Page): Promise<void> {
  await page.locator('[data-testid="pack-editor"] [role="group"] button').nth(1).click();
  await page.getByTestId('pack-editor-panel-preview').waitFor();
}
