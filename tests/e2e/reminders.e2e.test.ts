import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { envelope } from '../../lib/protocol/envelope';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { waitFor } from '../../scripts/lib/process-utils';

/**
 * Issue 14, item 12: follow-up reminders survive the browser dropping every alarm (Chrome does on an update) and a
 * restart. One "next follow-up" alarm is rebuilt from IndexedDB when the worker starts, and it fires.
 */
type Chrome = {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> };
    alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; getAll(): Promise<{ name: string }[]>; clearAll(): Promise<boolean> };
    notifications: { getAll(): Promise<Record<string, unknown>> };
  };
};
const NEXT = 'onscript:follow-up:next';

async function ask(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate(async (m) => {
    const reply = await (globalThis as unknown as Chrome).chrome.runtime.sendMessage(m);
    if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
    return reply.value;
  }, message);
}

describe('follow-up reminders after the browser lost its alarms', () => {
  const profile = mkdtempSync(join(tmpdir(), 'onscript-reminders-'));
  let browser: ExtensionBrowser | undefined;
  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('rebuilds the next follow-up alarm when the browser starts again, and reminds the agent on time', async () => {
    browser = await launchChromiumWithExtension({ userDataDir: profile });
    let page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    await ask(page, envelope('calls/list-recent', { limit: 1 }));
    // A call on record, as detection writes it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('onscript');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('calls', 'readwrite');
            const at = Date.now() - 60_000;
            tx.objectStore('calls').put({
              id: 'reminded', origin: 'http://127.0.0.1', source: 'sip-ws', direction: 'outbound', remoteNumber: '13800138000',
              phase: 'ended', startedAt: at, endedAt: at + 30_000, updatedAt: at + 30_000,
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    const callbackAt = Date.now() + 25_000;
    await ask(page, envelope('notes/save', { callId: 'reminded', notes: 'call back in a moment', callbackAt }));
    const alarm = () => page.evaluate((name) => (globalThis as unknown as Chrome).chrome.alarms.get(name), NEXT);
    expect((await alarm())?.scheduledTime).toBe(callbackAt);

    // What an update does to alarms, then a restart.
    await page.evaluate(() => (globalThis as unknown as Chrome).chrome.alarms.clearAll());
    expect(await alarm()).toBeUndefined();
    await browser.close({ keepProfile: true });
    browser = await launchChromiumWithExtension({ userDataDir: profile });
    page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));

    const rebuilt = await waitFor(alarm, { timeoutMs: 10_000, what: 'the next follow-up alarm rebuilt at start' });
    expect(rebuilt.scheduledTime).toBe(callbackAt);
    const shown = await waitFor(
      async () => {
        const all = await page.evaluate(() => (globalThis as unknown as Chrome).chrome.notifications.getAll());
        return Object.keys(all).length > 0 ? Object.keys(all) : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 500, what: 'the callback reminder' },
    );
    expect(shown).toEqual(['onscript:follow-up:callback:reminded']);
  });
});
