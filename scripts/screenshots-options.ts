/**
 * Renders the options page, every topic, in English and Chinese, light and dark, at 1280×800 and 800×800, into
 * .output/screenshots/options/ for a person to flip through: `npx vite-node scripts/screenshots-options.ts`.
 * It uses the development build (made first when older than the code) in Debian's Chromium. With
 * `--locked` (root, or CHROMIUM_POLICY_DIR) it adds the You and Compliance topics under an administrator's policy
 * that locks settings, to show how locks look.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { OPTIONS_VIEWS, type OptionsView } from '../components/options/topics';
import { ensureDevBuild } from './lib/builds';
import { installChromiumPolicy, launchChromiumWithExtension } from './lib/chromium';
import { loadShippedPack, openOptionsTopic, setUiLanguage } from './lib/options-page';

const OUT = resolve(import.meta.dirname, '../.output/screenshots/options');
const LANGUAGES = ['en', 'zh-CN'] as const;
const SCHEMES = ['light', 'dark'] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 800 },
] as const;

/** The policy of the `--locked` pass: the agent's name, organisation, extra rules and default country locked. */
const LOCKING_POLICY = {
  lockedSettings: ['agentName', 'companyName', 'complianceProfile', 'defaultCountry'],
  agentName: '王芳',
  companyName: '示例银行信用卡中心',
  complianceProfile: 'CN-CBA-2026',
  defaultCountry: 'CN',
};

/** Opens one view; the pack editor gets a shipped pack so its panes have content. */
async function openView(page: Page, url: string, view: OptionsView): Promise<void> {
  await openOptionsTopic(page, url, view);
  if (view === 'pack-editor') await loadShippedPack(page);
  // Let the sections' reads (storage, the background) land before the picture.
  await page.waitForTimeout(400);
}

async function shoot(options: { locked: boolean; views: readonly OptionsView[]; sizes: readonly { width: number; height: number }[] }) {
  const browser = await launchChromiumWithExtension();
  const written: string[] = [];
  try {
    const page = await browser.context.newPage();
    const url = browser.extensionUrl('options.html');
    await page.goto(url);
    for (const language of LANGUAGES) {
      await setUiLanguage(page, language);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const size of options.sizes) {
          await page.setViewportSize(size);
          for (const view of options.views) {
            await openView(page, url, view);
            const file = join(OUT, `${options.locked ? 'locked-' : ''}${view}-${language}-${scheme}-${size.width}x${size.height}.png`);
            await page.screenshot({ path: file, fullPage: view !== 'pack-editor' });
            written.push(file);
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  return written;
}

mkdirSync(OUT, { recursive: true });
ensureDevBuild('chrome');
const only = process.argv.find((arg) => arg.startsWith('--views='))?.slice('--views='.length).split(',');
const views = only ? OPTIONS_VIEWS.filter((view) => only.includes(view)) : OPTIONS_VIEWS;
const files = await shoot({ locked: false, views, sizes: SIZES });
if (process.argv.includes('--locked')) {
  const remove = installChromiumPolicy(LOCKING_POLICY);
  try {
    files.push(...(await shoot({ locked: true, views: ['you', 'compliance'], sizes: [SIZES[0]] })));
  } finally {
    remove();
  }
}
console.log(`${files.length} screenshots in ${OUT}`);
