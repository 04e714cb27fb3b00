import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS_VIEWS } from '../../components/options/topics';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { loadShippedPack, openOptionsTopic, setUiLanguage } from '../../scripts/lib/options-page';

/** axe-core's browser build, evaluated in the page (DevTools evaluation is not bound by the page's CSP). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Serious and critical axe violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
}

/**
 * The options page in the built extension in Chromium: every topic in both languages and both colour schemes
 * passes axe-core with no serious or critical violation; the topic navigation works from the keyboard and keeps
 * its topic across a reload; the pack editor fits the window.
 */
describe('options page in a real browser', () => {
  let browser: ExtensionBrowser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    browser = await launchChromiumWithExtension();
    page = await browser.context.newPage();
    url = browser.extensionUrl('options.html');
    await page.goto(url);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const language of ['en', 'zh-CN'] as const) {
    it(`has no serious or critical axe violations on any topic, light and dark (${language})`, async () => {
      await setUiLanguage(page, language);
      const found: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const view of OPTIONS_VIEWS) {
          await openOptionsTopic(page, url, view);
          if (view === 'pack-editor') {
            // With a pack loaded, so the form, the report and the preview are checked too.
            await loadShippedPack(page);
          }
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          found.push(...(await seriousViolations(page)).map((violation) => `${scheme} #${view}: ${violation}`));
        }
      }
      expect(found).toEqual([]);
    });
  }

  it('moves between topics from the keyboard, marks the current one, and keeps it across a reload', async () => {
    await setUiLanguage(page, 'en');
    await page.emulateMedia({ colorScheme: 'light' });
    await openOptionsTopic(page, url, 'you');
    const nav = page.getByRole('navigation', { name: 'Settings topics' });
    await nav.getByRole('link', { name: 'Team' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Team' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#team');
    expect(await nav.getByRole('link', { name: 'Team' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'You' }).getAttribute('aria-current')).toBeNull();
    // Focus lands on the topic's heading, so the next Tab goes into the topic.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Team');
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Team' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Team' }).getAttribute('aria-current')).toBe('page');
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'You' }).waitFor();
  });

  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 800 },
  ]) {
    it(`fits the pack editor's form, JSON and preview in a ${size.width}x${size.height} window`, async () => {
      await page.setViewportSize(size);
      await openOptionsTopic(page, url, 'pack-editor');
      await loadShippedPack(page);
      const boxes = await Promise.all(
        [page.getByRole('group', { name: 'Form' }), page.getByRole('textbox', { name: /JSON$/ }), page.getByRole('region', { name: 'Preview', exact: true })].map((locator) =>
          locator.boundingBox(),
        ),
      );
      for (const box of boxes) {
        expect(box).not.toBeNull();
        expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
        expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
      }
      // The page itself does not scroll: each pane (form, preview) scrolls on its own.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(size.height);
      const [form, json] = boxes;
      expect(json!.x).toBeGreaterThanOrEqual(form!.x + form!.width);
    });
  }

  it('imports an attempts sheet as a spreadsheet saves it: read into rows in the page, stored by the worker', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await setUiLanguage(page, 'en');
    await openOptionsTopic(page, url, 'compliance');
    // Semicolons (a European Excel), a note that spans two lines inside quotes, and a line with an unclosed quote.
    const csv = [
      'at;debtor_ref;number;outcome;note',
      '2026-03-09T10:00:00Z;D-1;+8613800138000;unanswered;"first line',
      'second line"',
      '2026-03-09T11:00:00Z;D-1;+8613800138000;voicemail;plain',
      '2026-03-09T12:00:00Z;D-2;+8613800138001;unanswered;"never closed',
      '2026-03-09T13:00:00Z;D-2;+8613800138001;conversation;after',
    ].join('\r\n');
    const form = page.getByRole('form', { name: 'Import earlier attempts (CSV)' });
    await form.locator('input[type="file"]').setInputFiles({ name: 'attempts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await form.getByRole('button', { name: 'Import earlier attempts (CSV)' }).click();
    await expect.poll(() => page.getByTestId('compliance-import-result').textContent(), { timeout: 15_000 }).toContain('3 attempts imported.');
    expect(await page.getByTestId('compliance-import-errors').textContent()).toContain('Line 5: a double quote is opened and never closed');
  });
});
