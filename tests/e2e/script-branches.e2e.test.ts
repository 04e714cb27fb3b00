import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { localize } from '../../lib/packs';
import { cnCardLoanPack, usCollectionsPack } from '../../lib/packs/defaults';
import { findCheck } from '../../lib/script/engine';
import type { ScriptPack } from '../../lib/packs/types';
import { ScriptPanel } from './pages/script-panel';
import { CUSTOMER_NUMBER, openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

// The browser's UI is English, so each pack's English texts are on screen.
const title = (pack: ScriptPack, stepId: string) => localize(pack.steps.find((step) => step.id === stepId)!.title, 'en');
const check = (pack: ScriptPack, checkId: string) => localize(findCheck(pack, checkId)!.check.label, 'en');
const outcome = (pack: ScriptPack, code: string) => localize(pack.dispositions.find((d) => d.code === code)!.label, 'en');

/** Fills the agent's own settings on the options page, as an agent does once: scripts then say them on every call. */
async function saveAgentSettings(options: Page, values: { name: string; staffId: string; company: string }): Promise<void> {
  const you = options.getByRole('region', { name: 'You' });
  await you.getByLabel('Your name (as you introduce yourself)').fill(values.name);
  await you.getByLabel('Your staff number (said on Chinese collection calls)').fill(values.staffId);
  await you.getByLabel('Your organisation (as scripts name it)').fill(values.company);
  await you.getByRole('button', { name: 'Save' }).click();
  await you.getByText('Saved.').waitFor({ timeout: 5_000 });
}

async function firstRecord(panel: Page): Promise<Record<string, unknown>> {
  return waitFor(async () => (await readCallRecords(panel))[0], { timeoutMs: 5_000, what: 'the call record' });
}

/**
 * Issue 19's proof in a real browser, during real SIP calls: a third party answers the Chinese card/loan script
 * and hears nothing about the debt (and the debt stays locked even through the objection search); on the US
 * script the consumer says they have a lawyer, and the agent goes from the balance to "contact the lawyer only".
 */
describe('the default scripts’ new branches, walked during a real call', () => {
  let scene: DemoCallFixture | undefined;
  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  it('zh-CN pack: a third party answers, hears nothing about the debt, and asks us not to call the number again', async () => {
    const pack = cnCardLoanPack;
    scene = await openDemoCallFixture();
    const { dialer, panel, browser } = scene;
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await saveAgentSettings(options, { name: '王芳', staffId: 'A0123', company: '示例银行信用卡中心' });
    await options.close();

    const script = new ScriptPanel(panel.page);
    await script.choosePack(pack.id);
    await waitFor(async () => (await script.previewText()).includes(title(pack, 'third-party')), { timeoutMs: 5_000, what: 'the zh-CN pack preview' });
    await dialer.dial(CUSTOMER_NUMBER);
    await panel.waitForPhase('Connected');
    await script.waitForStep(title(pack, 'greeting'));

    // The greeting says who is calling, from the settings, and the recording notice.
    const greeting = await script.sayText();
    expect(greeting).toContain('this is 王芳 of 示例银行信用卡中心, staff number A0123. To protect both of us, this call is recorded.');

    // Someone else answered: option 2.
    await script.press('2');
    await script.waitForStep(title(pack, 'third-party'));
    const thirdParty = await script.sayText();
    expect(thirdParty).toContain('My name is 王芳');
    expect(thirdParty).not.toMatch(/debt|owe|overdue|balance|arrears|示例银行/i);

    // The caller asks about the interest: the objection search offers a jump into the repayment options, which
    // stay locked behind identity however the agent tries.
    await script.search('interest');
    await script.goToFromSearch(title(pack, 'options'));
    await expect(script.waitForRefusal()).resolves.toContain(check(pack, 'identity-verified'));
    expect(await script.stepTitle()).toBe(title(pack, 'third-party'));

    // "Don't call this number again": option 4, noted, and the call ends with that outcome.
    await panel.page.locator('#script-step-title').focus();
    await script.press('4');
    await script.waitForStep(title(pack, 'third-party-stop'));
    expect(await script.sayText()).toContain('will not call this number again');
    await script.tickNextCheckByKeyboard();
    await script.press('1');
    await waitFor(async () => ((await script.wrapUpText()).includes(outcome(pack, 'THIRD_PARTY_STOP')) ? true : undefined), {
      timeoutMs: 5_000,
      what: 'the outcome in the wrap-up',
    });

    const record = await firstRecord(panel.page);
    expect(record).toMatchObject({
      packId: pack.id,
      packVersion: pack.version,
      disposition: 'THIRD_PARTY_STOP',
      scriptProgress: { visited: ['greeting', 'third-party', 'third-party-stop'], checked: ['third-party-stop-recorded'] },
    });
    await dialer.hangUp();
    await panel.waitForPhase('Ended');
  });

  it('US pack: the consumer says they have a lawyer; never-say entries and the notes warning stand guard', async () => {
    const pack = usCollectionsPack;
    scene = await openDemoCallFixture();
    const { dialer, panel } = scene;
    const script = new ScriptPanel(panel.page);
    await script.choosePack(pack.id);
    await waitFor(async () => (await script.previewText()).includes(title(pack, 'attorney')), { timeoutMs: 5_000, what: 'the US pack preview' });
    await dialer.dial(CUSTOMER_NUMBER);
    await panel.waitForPhase('Connected');
    await script.waitForStep(title(pack, 'greeting'));

    // The recording notice comes before anything else.
    expect((await script.sayText()).startsWith('Hello, this call may be monitored or recorded.')).toBe(true);
    await script.tickNextCheckByKeyboard();
    await script.tickNextCheckByKeyboard();
    await script.press('ArrowRight');
    await script.waitForStep(title(pack, 'identity'));
    // The disclosure names the company and a debt: locked until the right party is verified.
    await script.press('ArrowRight');
    await expect(script.waitForRefusal()).resolves.toContain(check(pack, 'identity-verified'));
    await script.tickNextCheckByKeyboard();
    await script.press('ArrowRight');
    await script.waitForStep(title(pack, 'disclosure'));
    expect(await script.sayText()).toContain('This is an attempt to collect a debt and any information obtained will be used for that purpose.');
    await script.tickNextCheckByKeyboard();
    await script.press('ArrowRight');
    await script.waitForStep(title(pack, 'arrears'));

    // The agent checks what not to say when the consumer turns angry.
    await script.search('jail');
    await waitFor(async () => ((await script.neverSayTexts()).length > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the never-say entry' });
    expect((await script.neverSayTexts())[0]).toContain('Never say: “You will be arrested / go to jail if you don’t pay.”');

    // "I have a lawyer": the answer jumps to the lawyer branch.
    await script.search('lawyer');
    await script.goToFromSearch(title(pack, 'attorney'));
    await script.waitForStep(title(pack, 'attorney'));
    expect(await script.sayText()).toContain('Could you give me your lawyer’s name and phone number? We will contact them directly from now on.');

    // A note that repeats a threat is flagged, not blocked.
    const notes = panel.page.getByRole('textbox', { name: 'Call notes' });
    await notes.fill('Consumer has a lawyer (J. Smith). Consumer asked if he would go to jail.');
    await panel.page.getByTestId('notes-forbidden').filter({ hasText: '“jail”' }).waitFor({ timeout: 5_000 });

    await panel.page.locator('#script-step-title').focus();
    await script.tickNextCheckByKeyboard();
    await script.press('1');
    await waitFor(async () => ((await script.wrapUpText()).includes(outcome(pack, 'ATTORNEY')) ? true : undefined), {
      timeoutMs: 5_000,
      what: 'the outcome in the wrap-up',
    });
    await waitFor(
      async () => {
        const record = await firstRecord(panel.page);
        return record['notes'] === 'Consumer has a lawyer (J. Smith). Consumer asked if he would go to jail.' ? record : undefined;
      },
      { timeoutMs: 5_000, what: 'the note saved as written' },
    );
    expect(await firstRecord(panel.page)).toMatchObject({
      packId: pack.id,
      disposition: 'ATTORNEY',
      scriptProgress: { currentStepId: 'attorney', visited: ['greeting', 'identity', 'disclosure', 'arrears', 'attorney'] },
    });
    await dialer.hangUp();
    await panel.waitForPhase('Ended');
  });
});
