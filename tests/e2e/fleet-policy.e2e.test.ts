import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installChromiumPolicy, launchChromiumWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';

/**
 * Issue 17, item 5: the example fleet policy a lead copies (policies/chrome/onscript.json) installed as real Chromium
 * policy. Chromium checks managed values against public/managed-schema.json and drops what does not match, so the
 * extension reading back every value proves the example and the schema agree in the browser, not only in ajv; the
 * options page then shows what the policy sets and locks.
 */
describe('the example fleet policy in a real browser', () => {
  let browser: ExtensionBrowser | undefined;
  let removePolicy: (() => void) | undefined;
  afterEach(async () => {
    await browser?.close();
    removePolicy?.();
    browser = undefined;
    removePolicy = undefined;
  });

  it('reaches the extension whole through managed storage and locks what it names', async () => {
    const example = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'policies', 'chrome', 'onscript.json'), 'utf8')) as {
      '3rdparty': { extensions: Record<string, Record<string, unknown>> };
    };
    const values = Object.values(example['3rdparty'].extensions)[0]!;
    removePolicy = installChromiumPolicy(values);
    browser = await launchChromiumWithExtension();
    const options = await browser.context.newPage();
    // The compliance topic shows the policy's rules and the locks (Options opens a topic by its address).
    await options.goto(`${browser.extensionUrl('options.html')}#compliance`);
    const managed = await options.evaluate(async () =>
      (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<Record<string, unknown>> } } } }).chrome.storage.managed.get(),
    );
    expect(managed).toEqual(values);
    await expect(options.getByTestId('compliance-policy').innerText()).resolves.toContain('US-FDCPA');
    await expect(options.getByTestId('locked-complianceProfile').innerText()).resolves.toBe('Locked by your administrator.');
    expect(await options.getByRole('textbox', { name: /Default country/ }).inputValue()).toBe('US');
  });
});
