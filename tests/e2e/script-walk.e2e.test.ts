import { afterEach, describe, expect, it } from 'vitest';
import { stopExtensionServiceWorker } from '../../scripts/lib/chromium';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { localize } from '../../lib/packs';
import { cnCardLoanPack } from '../../lib/packs/defaults';
import { findCheck } from '../../lib/script/engine';
import { ScriptPanel } from './pages/script-panel';
import { CUSTOMER_NUMBER, openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

// The browser's UI is English, so the Chinese pack's English texts are on screen.
const title = (stepId: string) => localize(cnCardLoanPack.steps.find((step) => step.id === stepId)!.title, 'en');
const check = (checkId: string) => localize(findCheck(cnCardLoanPack, checkId)!.check.label, 'en');

/**
 * Issue 4's proof: during a real SIP call, the agent walks the zh-CN card/loan pack by keyboard alone, is held at
 * the identity gate, takes the wrong-person branch, and finds the progress again after the panel reloads and
 * the service worker restarts.
 */
describe('walking the call script during a real call', () => {
  let scene: DemoCallFixture | undefined;
  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  it('walks the zh-CN pack through the identity gate and the wrong-person branch from the keyboard', async () => {
    scene = await openDemoCallFixture();
    const { dialer, panel, browser } = scene;
    const script = new ScriptPanel(panel.page);

    // Before the call: a preview of the pack; the agent picks the Chinese card/loan pack for the next calls.
    await script.choosePack(cnCardLoanPack.id);
    await waitFor(async () => (await script.previewText()).includes(title('identity')), { timeoutMs: 5_000, what: 'the zh-CN pack preview' });

    await dialer.dial(CUSTOMER_NUMBER);
    await panel.waitForPhase('Connected');
    await script.waitForStep(title('greeting'));

    // Next is held until the required self-identification is ticked.
    await script.press('ArrowRight');
    await expect(script.waitForRefusal()).resolves.toContain(check('self-identified'));
    await script.tickNextCheckByKeyboard();
    // The recording notice is required too.
    await script.press('ArrowRight');
    await expect(script.waitForRefusal()).resolves.toContain(check('recording-notice'));
    await script.tickNextCheckByKeyboard();
    await script.press('ArrowRight');
    await script.waitForStep(title('identity'));

    // Option 1 (the arrears) is locked until identity is verified: refused, naming the missing check.
    await script.press('1');
    await expect(script.waitForRefusal()).resolves.toContain(check('identity-verified'));
    expect(await script.stepTitle()).toBe(title('identity'));

    // Option 2: someone else answered. The wrong-person branch discloses nothing.
    await script.press('2');
    await script.waitForStep(title('third-party'));

    // Progress lives in the call record, not in the panel or the worker.
    await stopExtensionServiceWorker(browser, panel.page);
    await panel.page.reload();
    await panel.waitForPhase('Connected');
    await script.waitForStep(title('third-party'));

    // The customer comes to the phone after all: back to identity, verify, and the gate opens.
    await script.press('3');
    await script.waitForStep(title('identity'));
    await script.tickNextCheckByKeyboard();
    await script.press('1');
    await script.waitForStep(title('arrears'));

    // The demo's account card beside the phone (read by its DOM rule) is offered for the form, not filled in:
    // the agent looks, takes it, and the arrears lines say it.
    const say = (key: string) => panel.page.locator(`.script-say mark[data-key="${key}"]`).first();
    await panel.page.getByTestId('script-page-offers-count').waitFor({ timeout: 5_000 });
    expect(await say('debt.amount').count()).toBe(0);
    // The line above the step says so; Review opens the call details on the page's values.
    await panel.page.getByRole('button', { name: 'Review' }).click();
    await panel.page.getByRole('button', { name: 'Use all' }).click();
    await waitFor(async () => ((await say('debt.amount').count()) > 0 ? say('debt.amount').textContent() : undefined), {
      timeoutMs: 5_000,
      what: 'the amount from the page in the arrears line',
    });
    await expect(say('debt.amount').textContent()).resolves.toContain('1,234.56');
    await expect(say('debt.dueDate').textContent()).resolves.toBe('March 4, 2026');
    await waitFor(async () => ((await readCallRecords(panel.page))[0]?.['debtorRef'] === 'UK-000123' ? true : undefined), {
      timeoutMs: 5_000,
      what: 'the account reference from the page on the call record',
    });

    const [record] = await readCallRecords(panel.page);
    expect(record).toMatchObject({
      debtorRef: 'UK-000123',
      variables: { 'customer.name': 'Jane Doe', 'debt.amount': '1234.56', 'debt.dueDate': '2026-03-04' },
      pageFields: { 'customer.name': 'Jane Doe', 'debt.amount': '£1,234.56' },
      packId: cnCardLoanPack.id,
      packVersion: cnCardLoanPack.version,
      scriptProgress: {
        packId: cnCardLoanPack.id,
        currentStepId: 'arrears',
        visited: ['greeting', 'identity', 'third-party', 'arrears'],
        checked: ['self-identified', 'recording-notice', 'identity-verified'],
        choices: [
          { stepId: 'identity', index: 1, next: 'third-party' },
          { stepId: 'third-party', index: 2, next: 'identity' },
          { stepId: 'identity', index: 0, next: 'arrears' },
        ],
      },
    });

    // The call ends: wrap-up offers the pack's outcomes.
    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    await waitFor(async () => (await script.wrapUpText()).length > 0, { timeoutMs: 5_000, what: 'the wrap-up' });
    const outcome = localize(cnCardLoanPack.dispositions.find((d) => d.code === 'HUNG_UP')!.label, 'en');
    await panel.page.getByRole('button', { name: outcome, exact: true }).press('Enter');
    await waitFor(
      async () => ((await readCallRecords(panel.page))[0]?.['disposition'] === 'HUNG_UP' ? true : undefined),
      { timeoutMs: 5_000, what: 'the outcome on the call record' },
    );
  });
});
