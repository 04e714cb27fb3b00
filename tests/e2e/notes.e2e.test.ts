import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromiumWithExtension, stopExtensionServiceWorker, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { CUSTOMER_NUMBER, openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

/**
 * Notes through a real demo call (issue 6): typed in the side panel, autosaved to IndexedDB within a second,
 * kept across a service-worker stop and a hard browser kill, and exported to a CSV file the browser downloads.
 */
describe('call notes in real Chromium', () => {
  let scene: DemoCallFixture | undefined;
  let relaunched: ExtensionBrowser | undefined;
  afterEach(async () => {
    await relaunched?.close();
    relaunched = undefined;
    await scene?.close();
    scene = undefined;
  });

  const notesBox = (page: Page) => page.locator('#onscript-notes');

  async function storedNotes(page: Page): Promise<string | undefined> {
    const [record] = await readCallRecords(page);
    return record?.['notes'] as string | undefined;
  }

  it('loses no text when the service worker is stopped while the agent types, and exports the day to CSV', async () => {
    scene = await openDemoCallFixture();
    const { dialer, panel, browser } = scene;
    await dialer.dial(CUSTOMER_NUMBER);
    await dialer.waitForState('connected');
    await panel.waitForPhase('Connected');

    const box = notesBox(panel.page);
    await box.waitFor({ timeout: 10_000 });
    await expect(box.getAttribute('id')).resolves.toBe('onscript-notes');
    await box.pressSequentially('Debtor confirms address. ', { delay: 20 });
    // The worker dies mid-sentence; the keys typed around it must all reach IndexedDB.
    const typing = box.pressSequentially('Agreed to pay 500 on Friday, ', { delay: 40 });
    await stopExtensionServiceWorker(browser, panel.page);
    await typing;
    await box.pressSequentially('will call back.', { delay: 20 });
    const typed = 'Debtor confirms address. Agreed to pay 500 on Friday, will call back.';
    await expect(box.inputValue()).resolves.toBe(typed);
    await waitFor(async () => ((await storedNotes(panel.page)) === typed ? true : undefined), {
      timeoutMs: 3_000,
      what: 'the typed notes in IndexedDB',
    });

    // A panel opened again (closed and reopened) shows the stored draft.
    await panel.page.reload();
    await panel.waitForPhase('Connected');
    await expect(notesBox(panel.page).inputValue()).resolves.toBe(typed);

    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    // Wrap-up after the call: a card number read out by the debtor is masked before it is stored, and the
    // agent is told; the promise to pay goes with the notes, in the currency of the debtor's country (a UK
    // number: GBP), which the agent did not have to type.
    const withCard = `${typed} Card 4111 1111 1111 1111.`;
    const masked = `${typed} Card ••••••••••••1111.`;
    await notesBox(panel.page).fill(withCard);
    const today = await panel.page.evaluate(() => new Date().toLocaleDateString('sv'));
    await panel.page.getByRole('textbox', { name: 'Promised amount' }).fill('500.00');
    await panel.page.getByLabel('Promised payment date').fill(today);
    await waitFor(async () => ((await storedNotes(panel.page)) === masked ? true : undefined), {
      timeoutMs: 3_000,
      what: 'the masked notes in IndexedDB',
    });
    // The record commits before the save's answer reaches the panel (a background tab), so the box follows it.
    await waitFor(async () => ((await notesBox(panel.page).inputValue()) === masked ? true : undefined), {
      timeoutMs: 3_000,
      what: 'the masked notes in the notes box',
    });
    await expect(panel.page.getByTestId('notes-masked').innerText()).resolves.toContain('card number ••••••••••••1111');
    // Today's follow-ups, export and the summary are the panel's other view.
    await panel.showView('My day');
    await panel.page.getByRole('heading', { name: 'Due today' }).waitFor();
    await panel.page.getByTestId('notes-today-item').filter({ hasText: CUSTOMER_NUMBER }).waitFor({ timeout: 3_000 });

    const [record] = await readCallRecords(panel.page);
    const callId = record?.['id'] as string;
    expect(record).toMatchObject({ phase: 'ended', notes: masked, promiseToPay: { amount: '500.00', currency: 'GBP', date: today } });
    expect(JSON.stringify(record)).not.toContain('4111 1111');

    const download = panel.page.waitForEvent('download');
    await panel.page.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^onscript-calls-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'call_id,agent,started_at,ended_at,duration_s,end_reason,direction,number_e164,number_raw,debtor_ref,disposition,promise_amount,' +
        'promise_currency,promise_date,callback_at,pack_id,pack_version,compliance_flags,notes',
    );
    const row = lines.find((line) => line.startsWith(`${callId},`));
    expect(row).toBeDefined();
    expect(row).toContain(`,outbound,`);
    expect(row).toContain(`,${CUSTOMER_NUMBER},`);
    expect(row).toContain(`,500.00,GBP,${today},`);
    expect(row).toContain(`"${masked}"`);
    expect(row).toMatch(/,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2},/);
    expect(lines.at(-1)).toBe('');
  });

  it('keeps the text autosaved a second before Chromium is killed hard', async () => {
    scene = await openDemoCallFixture();
    const { dialer, panel, browser } = scene;
    await dialer.dial(CUSTOMER_NUMBER);
    await panel.waitForPhase('Connected');
    const box = notesBox(panel.page);
    await box.waitFor({ timeout: 10_000 });
    const typed = '客户承诺周五还款 500 元';
    await box.pressSequentially(typed, { delay: 20 });
    // No waiting for the save: only the 1 s the autosave promises.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const pid = browser.pid;
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    await waitFor(
      async () => {
        try {
          process.kill(pid!, 0);
          return undefined;
        } catch {
          return true;
        }
      },
      { timeoutMs: 5_000, what: 'Chromium to die' },
    );

    relaunched = await launchChromiumWithExtension({ userDataDir: browser.profile });
    const page = await relaunched.context.newPage();
    await page.goto(relaunched.extensionUrl('sidepanel.html'));
    const records = await readCallRecords(page);
    expect(records).toHaveLength(1);
    expect(records[0]?.['notes']).toBe(typed);

    // Reopened from history (as a follow-up notification would), the draft is in the editor.
    await page.goto(relaunched.extensionUrl(`sidepanel.html?record=${encodeURIComponent(records[0]?.['id'] as string)}`));
    await expect(notesBox(page).inputValue()).resolves.toBe(typed);
  });
});
