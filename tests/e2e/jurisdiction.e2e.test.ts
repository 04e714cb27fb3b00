import { afterEach, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, installChromiumPolicy, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { candidateWindow, WINDOW_MARGIN_MS } from '../fixtures/calling-window-candidates';
import { openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';
import type { Page } from 'playwright-core';

/** US numbers (New York, Honolulu, Guam): one of them is inside its window at most hours of the day. */
const US_NUMBERS = ['+12127365000', '+18089568111', '+16714770000'] as const;

async function setStorage(page: Page, items: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (values) => {
    await (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set(values);
  }, items);
}

/**
 * The rules follow the debtor, not the agent, in real Chromium: a Chinese-UI agent calling a US number is judged
 * by US federal rules, and a lead's managed policy (installed the way a fleet does, as Chromium policy) adds its
 * profile to every call and locks what the agent could otherwise add.
 */
describe('jurisdiction and policy in a real browser', () => {
  let scene: DemoCallFixture | undefined;
  let browser: ExtensionBrowser | undefined;
  let removePolicy: (() => void) | undefined;
  afterEach(async () => {
    await scene?.close();
    await browser?.close();
    removePolicy?.();
    scene = undefined;
    browser = undefined;
    removePolicy = undefined;
  });

  it('judges a US number by US rules for an agent whose UI and default country are Chinese', async () => {
    const now = Date.now();
    const judged = US_NUMBERS.map((number) => ({ number, ...candidateWindow(number, now) }));
    const open = judged.find(({ verdict }) => verdict.allowed && verdict.closesAt !== undefined && verdict.closesAt - now > WINDOW_MARGIN_MS);
    const chosen = open ?? judged[0]!;
    // The customer answers after 3 s, as in compliance.e2e: when every US number is closed, the guard must end the
    // attempt before it is answered, and 0.8 s left no room for a first verdict after the settings change.
    scene = await openDemoCallFixture({ customerNumber: chosen.number, answerAfterMs: 3_000 });
    const { dialer, panel } = scene;
    await setStorage(panel.page, { 'settings.uiLanguage': 'zh-CN', 'settings.detection.defaultRegion': 'CN' });
    await panel.page.reload();
    await panel.page.getByRole('heading', { name: '可拨打时段' }).waitFor();

    await dialer.dial(chosen.number);
    if (open) {
      await panel.waitForPhase('通话中');
      await panel.showCallingRules();
      const profile = panel.page.getByTestId('compliance-profile');
      await profile.waitFor({ timeout: 10_000 });
      await expect(profile.innerText()).resolves.toContain('US-FDCPA');
      await expect(profile.innerText()).resolves.not.toContain('CN-CBA-2026');
      await expect(panel.page.getByTestId('compliance-rules').innerText()).resolves.toMatch(/US-FDCPA，依据：区号 \d{3}(（US-\w\w）)?/);
      await dialer.hangUp();
    } else {
      // Every US number is outside its window now: the guard stops the call, naming US rules.
      await dialer.waitForState('ended');
    }
    const record = await waitFor(
      async () => (await readCallRecords(panel.page)).find((entry) => entry['phase'] === 'ended'),
      { timeoutMs: 10_000, what: 'the ended call' },
    );
    if (!open) expect(JSON.stringify(record['complianceEvents'])).toContain('US-FDCPA');
  });

  it("applies the lead's managed policy to every call, locks what it names, and ignores an agent's attempt around it", async () => {
    removePolicy = installChromiumPolicy({
      complianceProfile: 'IE-CCA',
      complianceTightening: { latestLocalTime: '20:00' },
      lockedSettings: ['complianceProfile', 'defaultCountry'],
      defaultCountry: 'GB',
    });
    browser = await launchChromiumWithExtension();
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html#compliance'));
    await expect(options.getByTestId('compliance-policy').innerText()).resolves.toContain('IE-CCA');
    expect(await options.getByRole('combobox', { name: /Also follow/ }).isDisabled()).toBe(true);
    await expect(options.getByTestId('locked-complianceProfile').innerText()).resolves.toBe('Locked by your administrator.');
    expect(await options.getByRole('textbox', { name: /Default country/ }).inputValue()).toBe('GB');

    // The agent writes around the disabled control: a locked setting does not count.
    await setStorage(options, { 'compliance.profileId': 'UK-FCA', 'settings.detection.defaultRegion': 'CN' });
    const panel = await browser.context.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    // A national number is read with the lead's country (GB), and judged by the UK's rules plus the lead's IE-CCA.
    await panel.getByRole('textbox', { name: 'Next number' }).fill('020 7946 0018');
    await panel.getByRole('button', { name: 'Check' }).click();
    const profile = panel.getByTestId('compliance-profile');
    await profile.waitFor({ timeout: 10_000 });
    await expect(profile.innerText()).resolves.toContain('UK-FCA+IE-CCA');
    const rules = await panel.getByTestId('compliance-rules').innerText();
    expect(rules).toContain("IE-CCA, from the lead's policy");
    expect(rules).not.toContain("the agent's own choice");
    // IE-CCA's holidays come from the generated table the worker fetched from the package for this verdict.
    const verdict = await options.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        protocol: 'onscript/1',
        type: 'compliance/evaluate',
        payload: { phone: '020 7946 0018' },
      }),
    );
    expect(JSON.stringify(verdict)).toContain('IE-CCA');
    expect(JSON.stringify(verdict)).not.toMatch(/holiday table could not be loaded|holiday data for/);
  });
});
