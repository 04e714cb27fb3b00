import type { Page } from 'puppeteer-core';
import { readCallRecordsInPage } from '../../../../scripts/lib/demo-session';
import type { DemoCallState } from '../demo-phone-page';

/**
 * Page objects for Firefox, driven by Puppeteer over WebDriver BiDi (Playwright's Firefox needs its own
 * patched build, so Debian's firefox-esr is driven this way). They mirror the Chromium page objects.
 */
export class FirefoxDemoPhone {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await this.page.waitForFunction(() => /registered as/.test(document.getElementById('registration')?.textContent ?? ''), {
      timeout: 15_000,
    });
    return this;
  }

  async waitForState(state: DemoCallState, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction((wanted) => document.body.dataset['callState'] === wanted, { timeout }, state);
  }

  async dial(number: string): Promise<void> {
    await this.page.$eval('#number', (input) => ((input as HTMLInputElement).value = ''));
    await this.page.type('#number', number);
    await this.page.click('#call');
  }

  async hangUp(): Promise<void> {
    await this.page.click('#hangup');
  }
}

/** OnScript's panel page (the sidebar's page) in an ordinary Firefox tab, steered from inside the extension. */
export class FirefoxSidePanel {
  constructor(readonly page: Page) {}

  /** Navigates the extension's own tab to the panel for the tab whose URL contains `urlPart`. */
  async followTab(urlPart: string): Promise<number> {
    const tabId = await this.page.evaluate(async (part) => {
      const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).browser;
      return (await api.tabs.query({})).find((tab) => tab.url?.includes(part))?.id;
    }, urlPart);
    if (tabId === undefined) throw new Error(`No tab whose URL contains ${urlPart}`);
    await this.page.evaluate((id) => location.assign(`/sidepanel.html?tabId=${id}`), tabId);
    await this.page.waitForFunction(() => document.querySelector('[data-testid="no-call"], [data-testid="call-phase"]') !== null, {
      timeout: 10_000,
    });
    return tabId;
  }

  async waitForPhase(label: string, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => document.querySelector('[data-testid="call-phase"]')?.textContent === wanted,
      { timeout },
      label,
    );
  }

  text(testId: string): Promise<string> {
    return this.page.$eval(`[data-testid="${testId}"]`, (element) => element.textContent ?? '');
  }

  /** The current script step's title. */
  async waitForStep(title: string, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => document.getElementById('script-step-title')?.textContent?.includes(wanted) === true,
      { timeout },
      title,
    );
  }

  /** Types into the notes editor as an agent would. */
  async typeNotes(text: string): Promise<void> {
    await this.page.click('#onscript-notes');
    await this.page.type('#onscript-notes', text);
  }

  /** Presses the panel's Export button (today, CSV by default). */
  async exportToday(): Promise<void> {
    const clicked = await this.page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Export');
      button?.click();
      return button !== undefined;
    });
    if (!clicked) throw new Error('No Export button in the panel');
  }

  callRecords(): Promise<Record<string, unknown>[]> {
    return this.page.evaluate(readCallRecordsInPage);
  }
}
