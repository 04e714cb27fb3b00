/**
 * `npm run screenshots`: the side panel in every state issue 16 names (idle, ringing, live, on hold, wrap-up,
 * blocked, the day view), in English and Chinese, light and dark, at 320 and 420 wide, 800 tall (the first
 * screen, which is what the no-scroll rule is about), into .output/screenshots with an index.html to flip
 * through. The pages are the real panel (components, stylesheets, catalogs, default packs, compliance engine)
 * built by Vite over in-memory clients (scripts/screenshots/gallery.tsx), shot in Debian's Chromium.
 * Chinese renders with Debian's fonts-noto-cjk.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { findChromium } from './lib/chromium';
import { startStaticServer } from './lib/static-server';
import { SCENES, type SceneName } from './screenshots/scenes';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, '.output', 'screenshots');
const GALLERY = resolve(ROOT, '.output', 'screenshot-gallery');
const LANGUAGES = ['en', 'zh-CN'] as const;
const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [320, 420] as const;
const HEIGHT = 800;

async function main(): Promise<void> {
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  await build({ configFile: resolve(ROOT, 'scripts', 'screenshots', 'vite.config.ts') });
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const server = await startStaticServer(GALLERY);
  const browser = await chromium.launch({ executablePath: found.path, headless: true });
  const shots: { file: string; scene: SceneName; language: string; scheme: string; width: number }[] = [];
  try {
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: HEIGHT }, colorScheme: scheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        for (const language of LANGUAGES) {
          for (const scene of chosenScenes()) {
            await page.goto(`${server.origin}/gallery.html?scene=${scene}&lang=${language}`);
            // Settled: the clients answer at once; the script step or preview and the notes are drawn.
            await page.locator('[data-testid="script"]').waitFor({ state: 'attached' });
            await page.waitForTimeout(100);
            if ('pageFields' in SCENES[scene]) {
              // The agent opens the call details to look at what the CRM page offers.
              await page.locator('.script-form summary').click();
              await page.locator('[data-testid="script-page-offers"]').evaluate((element) => element.scrollIntoView({ block: 'center' }));
              await page.waitForTimeout(50);
            }
            const file = `${scene}-${language}-${scheme}-${width}.png`;
            await page.screenshot({ path: resolve(OUT, file) });
            shots.push({ file, scene, language, scheme, width });
          }
        }
        if (errors.length > 0) throw new Error(`the gallery threw: ${errors.join('; ')}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  writeFileSync(resolve(OUT, 'index.html'), indexPage(shots));
  console.log(`${shots.length} screenshots in ${OUT} (open index.html)`);
}

/** The scenes named on the command line (`npm run screenshots -- live wrap-up`), or all of them. */
function chosenScenes(): SceneName[] {
  const all = Object.keys(SCENES) as SceneName[];
  const named = process.argv.slice(2).filter((arg): arg is SceneName => (all as string[]).includes(arg));
  return named.length > 0 ? named : all;
}

/** A page that lays the shots out by state, so a person can compare languages, schemes and widths side by side. */
function indexPage(shots: { file: string; scene: SceneName; language: string; scheme: string; width: number }[]): string {
  const rows = (Object.keys(SCENES) as SceneName[])
    .map((scene) => {
      const cells = shots
        .filter((shot) => shot.scene === scene)
        .map((shot) => `<figure><img src="${shot.file}" width="${shot.width}" loading="lazy" alt=""><figcaption>${shot.language} · ${shot.scheme} · ${shot.width}</figcaption></figure>`)
        .join('');
      return `<section><h2>${scene}</h2><div class="row">${cells}</div></section>`;
    })
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>OnScript panel screenshots</title>
<style>body{font:14px system-ui;margin:16px;background:#888}.row{display:flex;gap:12px;overflow-x:auto;align-items:flex-start}figure{margin:0}img{display:block;border:1px solid #444}figcaption{font-size:12px}</style>
<h1>OnScript side panel</h1>${rows}`;
}

await main();
