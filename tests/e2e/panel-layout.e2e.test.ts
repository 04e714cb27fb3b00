import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/lib/process-utils';
import { CUSTOMER_NUMBER, openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What must be on the first screen during a live call (issue 16, item 1), by selector. */
const FIRST_SCREEN = {
  number: '[data-testid="call-number"]',
  state: '[data-testid="call-phase"]',
  timer: '[data-testid="call-timer"]',
  window: '[data-testid="glance-window"]',
  caps: '[data-testid="glance-caps"]',
  step: '#script-step-title',
  say: '.script-say',
  checks: '.script-checks',
  notes: '#onscript-notes',
} as const;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Each element's box in the viewport, the header's and the docked notes section's, and whether the page has been
 * scrolled: read in one pass so they describe the same frame.
 */
function measure(page: Page) {
  return page.evaluate((selectors) => {
    const box = (element: Element | null): Box | null => {
      if (!element) return null;
      const rect = element.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
    };
    return {
      viewport: { width: innerWidth, height: innerHeight },
      scrollY,
      header: box(document.querySelector('[data-testid="panel-bar"]')),
      notesDock: box(document.querySelector('.view--call > .notes')),
      boxes: Object.fromEntries(Object.entries(selectors).map(([name, selector]) => [name, box(document.querySelector(selector))])),
    };
  }, FIRST_SCREEN);
}

/** Asserts the no-scroll rule: every first-screen element wholly inside the viewport, none under the header or the dock. */
async function expectFirstScreen(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await page.evaluate(() => scrollTo(0, 0));
  const seen = await measure(page);
  expect(seen.scrollY).toBe(0);
  expect(seen.header).not.toBeNull();
  expect(seen.notesDock).not.toBeNull();
  for (const [name, box] of Object.entries(seen.boxes)) {
    expect(box, `${name} at ${width}px`).not.toBeNull();
    expect({ name, top: box!.top >= 0, bottom: box!.bottom <= 800, left: box!.left >= 0, right: box!.right <= width }).toEqual({
      name,
      top: true,
      bottom: true,
      left: true,
      right: true,
    });
  }
  // The script's say-lines and checks are neither under the sticky header nor under the docked notes.
  for (const name of ['step', 'say', 'checks'] as const) {
    const box = seen.boxes[name]!;
    expect({ name, belowHeader: box.top >= seen.header!.bottom, aboveNotes: box.bottom <= seen.notesDock!.top }).toEqual({
      name,
      belowHeader: true,
      aboveNotes: true,
    });
  }
}

/** axe-core on the panel as it stands; returns the serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the extension page's CSP forbids inline script tags, rightly.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.impact} ${violation.id}: ${violation.targets.join(', ')}`);
}

async function setLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.evaluate(async (value) => {
    await (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ 'settings.uiLanguage': value });
  }, language);
  await page.reload();
}

/**
 * Issue 16's cockpit in real Chromium during a real demo call: at 400×800 and 320×800 the number, state, timer,
 * calling window, caps, the step with its say-lines and checks, and the notes box are all on the first screen
 * (element boxes, no scrolling); the agent types a note there; after the call the wrap-up leads. axe-core finds no
 * serious or critical violation on the panel (call, wrap-up and day views) in English and Chinese, light and dark.
 */
describe('the side panel during a real call', () => {
  let scene: DemoCallFixture | undefined;
  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  it('keeps the call, the rules, the step and the notes on the first screen, and passes axe in both languages', async () => {
    scene = await openDemoCallFixture();
    const { dialer, panel } = scene;
    const page = panel.page;
    await page.setViewportSize({ width: 400, height: 800 });

    await dialer.dial(CUSTOMER_NUMBER);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');
    await page.locator('.script-checks').waitFor({ timeout: 10_000 });
    await page.getByTestId('glance-caps').waitFor({ timeout: 10_000 });

    await expectFirstScreen(page, 400);
    await expectFirstScreen(page, 320);
    // The agent types where the box is, without scrolling; the page stays put.
    await page.locator('#onscript-notes').click();
    await page.keyboard.type('Right party; asked for a callback.', { delay: 10 });
    await expect(page.locator('#onscript-notes').inputValue()).resolves.toBe('Right party; asked for a callback.');
    await expect(page.evaluate(() => scrollY)).resolves.toBe(0);

    // Everything else is one click away: the full calling rules open under the notes.
    await panel.showCallingRules();
    await page.getByTestId('compliance-caps').waitFor();
    await page.evaluate(() => scrollTo(0, 0));

    const found: Record<string, string[]> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found[`en live ${scheme}`] = await seriousViolations(page);
    }
    // The call details open on what the demo's account card offers: the offers pass axe too, in both schemes.
    await page.locator('.script-form summary').click();
    await page.getByTestId('script-page-offers').waitFor({ timeout: 5_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found[`en call details ${scheme}`] = await seriousViolations(page);
    }
    await page.locator('.script-form summary').click();
    await page.evaluate(() => scrollTo(0, 0));

    await setLanguage(page, 'zh-CN');
    await panel.waitForPhase('通话中');
    await page.locator('.script-checks').waitFor({ timeout: 10_000 });
    await page.getByTestId('glance-caps').waitFor({ timeout: 10_000 });
    await expectFirstScreen(page, 320);
    await expectFirstScreen(page, 400);
    await panel.showCallingRules();
    await page.getByTestId('compliance-caps').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found[`zh-CN live ${scheme}`] = await seriousViolations(page);
    }

    await dialer.hangUp();
    await panel.waitForPhase('已结束');
    // After the call the wrap-up leads: the outcomes are on the first screen, right under the header.
    const wrapUp = await page.locator('.script-wrap-up').boundingBox();
    expect(wrapUp).not.toBeNull();
    expect(wrapUp!.y).toBeLessThan(400);
    found['zh-CN wrap-up'] = await seriousViolations(page);
    await panel.showView('我的一天');
    await page.getByRole('heading', { name: '今日待跟进' }).waitFor();
    found['zh-CN day'] = await seriousViolations(page);

    await setLanguage(page, 'en');
    await panel.waitForPhase('Ended');
    found['en wrap-up'] = await seriousViolations(page);
    await panel.showView('My day');
    await page.getByRole('heading', { name: 'Due today' }).waitFor();
    await waitFor(async () => ((await page.getByTestId('recent-call').count()) > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the call in recent calls' });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found[`en day ${scheme}`] = await seriousViolations(page);
    }

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  });
});
