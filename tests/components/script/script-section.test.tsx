// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { localize, parsePack } from '../../../lib/packs';
import { cnCardLoanPack, usCollectionsPack } from '../../../lib/packs/defaults';
import type { ScriptPack } from '../../../lib/packs/types';
import { findCheck } from '../../../lib/script/engine';
import { fakeScriptClient, liveCall, renderPanelWithScript, settle } from './script-test-kit';

afterEach(cleanup);

const PACKS = [cnCardLoanPack, usCollectionsPack];
const en = (pack: ScriptPack, text: Parameters<typeof localize>[0]) => localize(text, 'en', pack);
const stepTitle = (pack: ScriptPack, id: string) => en(pack, pack.steps.find((step) => step.id === id)!.title);
const checkLabel = (pack: ScriptPack, id: string) => en(pack, findCheck(pack, id)!.check.label);
const heading = () => document.getElementById('script-step-title')!;

async function press(key: string, code: string, init: KeyboardEventInit = {}, target: Element = document.body) {
  fireEvent.keyDown(target, { key, code, bubbles: true, ...init });
  await settle();
}
const digit = (n: number, init: KeyboardEventInit = {}, target?: Element) => press(String(n), `Digit${n}`, init, target);

async function cnCall() {
  const fake = fakeScriptClient(PACKS, cnCardLoanPack.id);
  const panel = await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } });
  return { fake, panel };
}

describe('script view', () => {
  it('previews the pack new calls start with before a call, by UI language', async () => {
    const fake = fakeScriptClient(PACKS);
    await renderPanelWithScript(fake.client, { tabId: 3, calls: {} });
    const preview = screen.getByTestId('script-preview');
    expect(preview.textContent).toContain(en(usCollectionsPack, usCollectionsPack.title));
    expect(within(preview).getAllByRole('listitem').map((item) => item.textContent)).toEqual(
      usCollectionsPack.steps.map((step) => en(usCollectionsPack, step.title)),
    );
    cleanup();

    const chinese = fakeScriptClient(PACKS);
    await renderPanelWithScript(chinese.client, { tabId: 3, calls: {} }, { languages: ['zh-CN'] });
    expect(screen.getByTestId('script-preview').textContent).toContain(localize(cnCardLoanPack.title, 'zh-CN'));
  });

  it('shows the current step with its progress, and follows the panel language', async () => {
    await cnCall();
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'greeting'));
    expect(screen.getByTestId('script-progress').textContent).toBe(`Step 1 of ${cnCardLoanPack.steps.length}`);
    cleanup();
    const fake = fakeScriptClient(PACKS, cnCardLoanPack.id);
    await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } }, { languages: ['zh-CN'] });
    expect(heading().textContent).toBe(localize(cnCardLoanPack.steps[0]!.title, 'zh-CN'));
  });

  it('keeps a gated step locked, naming the missing check, until it is ticked', async () => {
    const { fake } = await cnCall();
    // Greeting: "Next" needs the self-identification check.
    await press('ArrowRight', 'ArrowRight');
    expect(screen.getByTestId('script-refusal').textContent).toContain(checkLabel(cnCardLoanPack, 'self-identified'));
    fireEvent.click(screen.getByLabelText(checkLabel(cnCardLoanPack, 'self-identified'), { exact: false }));
    await settle();
    // The recording notice is required too.
    await press('ArrowRight', 'ArrowRight');
    expect(screen.getByTestId('script-refusal').textContent).toContain(checkLabel(cnCardLoanPack, 'recording-notice'));
    fireEvent.click(screen.getByLabelText(checkLabel(cnCardLoanPack, 'recording-notice'), { exact: false }));
    await settle();
    await press('ArrowRight', 'ArrowRight');
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'identity'));

    // Option 1 leads to the arrears, gated on identity: shown locked, refused with the check named.
    const identityLabel = checkLabel(cnCardLoanPack, 'identity-verified');
    const first = screen.getAllByRole('button').find((button) => button.getAttribute('aria-keyshortcuts') === '1')!;
    expect(first.dataset['locked']).toBe('true');
    expect(document.getElementById(first.getAttribute('aria-describedby')!)!.textContent).toContain(identityLabel);
    await digit(1);
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'identity'));
    expect(screen.getByRole('alert').textContent).toContain(identityLabel);
    expect(fake.records.get('c1')!.progress.currentStepId).toBe('identity');

    await press('c', 'KeyC');
    expect(document.activeElement?.id).toBe('script-check-identity-verified');
    fireEvent.click(document.activeElement!);
    await settle();
    const unlocked = screen.getAllByRole('button').find((button) => button.getAttribute('aria-keyshortcuts') === '1')!;
    expect(unlocked.dataset['locked']).toBeUndefined();
    await digit(1);
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'arrears'));
  });

  it('keeps two quick ticks when the first answer arrives after the second broadcast', async () => {
    const { fake } = await cnCall();
    const box = (id: string) => screen.getByLabelText(checkLabel(cnCardLoanPack, id), { exact: false }) as HTMLInputElement;
    fake.holdAnswers();
    fireEvent.click(box('self-identified'));
    await settle();
    fireEvent.click(box('recording-notice'));
    await settle();
    // Both broadcasts are in; now the first answer, older than what is shown, arrives last.
    await fake.releaseAnswers();
    await settle();
    expect(fake.records.get('c1')!.progress.checked).toEqual(expect.arrayContaining(['self-identified', 'recording-notice']));
    expect(box('self-identified').checked).toBe(true);
    expect(box('recording-notice').checked).toBe(true);
  });

  it('shows a tick at once, so C goes to the next check before the background has answered', async () => {
    const { fake } = await cnCall();
    fake.holdAnswers({ broadcasts: true });
    await press('c', 'KeyC');
    expect(document.activeElement?.id).toBe('script-check-self-identified');
    fireEvent.click(document.activeElement!);
    await settle();
    await press('c', 'KeyC');
    expect(document.activeElement?.id).toBe('script-check-recording-notice');
    await fake.releaseAnswers();
    await settle();
    expect(fake.records.get('c1')!.progress.checked).toEqual(['self-identified']);
    expect((document.getElementById('script-check-self-identified') as HTMLInputElement).checked).toBe(true);
  });

  it('takes a tick back off the screen when the background could not store it', async () => {
    const { fake } = await cnCall();
    const box = () => document.getElementById('script-check-self-identified') as HTMLInputElement;
    fake.client.act = async () => {
      throw new Error('the worker could not write the record');
    };
    fireEvent.click(box());
    await settle();
    expect(box().checked).toBe(false);
    expect(fake.records.get('c1')!.progress.checked).toEqual([]);
  });

  it('takes options 1-9 from the keyboard, but not while typing unless with Alt+Shift', async () => {
    const { fake } = await cnCall();
    const search = screen.getByLabelText('Search objections and FAQ');
    search.focus();
    await digit(2, {}, search);
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'greeting'));
    // A digit beyond the options does nothing.
    await digit(9, {}, document.body);
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'greeting'));

    await digit(2, { altKey: true, shiftKey: true }, search);
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'third-party'));
    expect(fake.records.get('c1')!.progress.choices).toMatchObject([{ stepId: 'greeting', index: 1, next: 'third-party' }]);

    await press('ArrowLeft', 'ArrowLeft');
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'greeting'));
    await digit(3);
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'callback'));
  });

  it('acts on the extension commands the background forwards', async () => {
    const { fake } = await cnCall();
    fireEvent.click(screen.getByLabelText(checkLabel(cnCardLoanPack, 'self-identified'), { exact: false }));
    fireEvent.click(screen.getByLabelText(checkLabel(cnCardLoanPack, 'recording-notice'), { exact: false }));
    await settle();
    await fake.command('script-next');
    await settle();
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'identity'));
    await fake.command('script-back');
    await settle();
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'greeting'));
    await fake.command('script-focus-search');
    expect(document.activeElement?.id).toBe('onscript-script-search');
  });

  it('fills say lines from the form as text, with visible placeholders for what is missing', async () => {
    const { fake } = await cnCall();
    const say = () => document.querySelector('.script-say')!;
    // agent.name comes prefilled from the settings; customer.name is still missing.
    expect(say().querySelector('[data-key="agent.name"]')!.textContent).toBe('Li Lei');
    const missing = say().querySelector('.say__missing');
    expect(missing?.textContent).toMatch(/^\[.+\]$/);

    const hostile = '<img src=x onerror="window.pwned=1">王<b>先生</b>';
    const field = screen.getByLabelText(en(cnCardLoanPack, cnCardLoanPack.variables.find((v) => v.key === 'customer.name')!.label), {
      exact: false,
    });
    fireEvent.input(field, { target: { value: hostile } });
    await settle();
    const filled = say().querySelector('[data-key="customer.name"]')!;
    expect(filled.tagName).toBe('MARK');
    expect(filled.textContent).toBe(hostile);
    expect(say().querySelector('img, b')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
    expect(fake.state.saved.at(-1)?.variables['customer.name']).toBe(hostile);

    fireEvent.input(screen.getByLabelText('Debtor / account reference'), { target: { value: ' ACC-42 ' } });
    await settle();
    expect(fake.records.get('c1')!.debtorRef).toBe('ACC-42');
  });

  it('offers what the open page shows for the form, and fills a value only when the agent takes it', async () => {
    const fake = fakeScriptClient(PACKS, usCollectionsPack.id);
    const pageFields = {
      'customer.name': '<img src=x onerror="window.pwned=1">Jane Doe',
      'debt.amount': '$1,234.56',
      'debt.dueDate': 'March 4, 2026',
      'debtor.ref': 'ACC-42',
      'location.region': 'CA',
    };
    const panel = await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall({ pageFields }) } });
    const amount = () => screen.getByRole('textbox', { name: /^Amount owed/ }) as HTMLInputElement;
    // Offered, not filled: nothing reaches the form or the background before the agent says so.
    expect(screen.getByTestId('script-page-offers-count').textContent).toContain('4 from the page to confirm');
    // The form sits below the notes: a line above the step says the page has values, and Review opens them.
    expect(screen.getByTestId('script-page-offers-notice').textContent).toContain('The open page shows 4 call details to confirm.');
    expect((document.getElementById('onscript-call-details') as HTMLDetailsElement).open).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    await settle();
    expect((document.getElementById('onscript-call-details') as HTMLDetailsElement).open).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Use ACC-42 for Debtor / account reference' }));
    expect(screen.queryByTestId('script-page-offers-notice')).toBeNull();
    expect(amount().value).toBe('');
    expect(fake.state.saved).toEqual([]);
    const offers = screen.getByRole('list', { name: 'Values from the page' });
    expect(within(offers).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Debtor / account referenceACC-42Use',
      `Consumer’s full name${pageFields['customer.name']}Use`,
      'Amount owed$1,234.56Use',
      'Date payment was dueMarch 4, 2026Use',
    ]);
    expect(offers.querySelector('img')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Use $1,234.56 for Amount owed' }));
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    expect(amount().value).toBe('1234.56');
    expect(document.activeElement).toBe(amount());
    expect(fake.records.get('c1')!.variables['debt.amount']).toBe('1234.56');
    expect(screen.queryByRole('button', { name: /for Amount owed/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Use all' }));
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    expect(fake.records.get('c1')!).toMatchObject({
      debtorRef: 'ACC-42',
      variables: { 'customer.name': pageFields['customer.name'], 'debt.dueDate': '2026-03-04', 'debt.amount': '1234.56' },
    });
    expect(screen.queryByTestId('script-page-offers')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();

    // The page changes its mind (another account opened): the new value is offered again beside the agent's.
    await panel.push({ tabId: 3, calls: { c1: liveCall({ pageFields: { ...pageFields, 'debt.amount': '$99.00' } }) } });
    expect(screen.getByRole('button', { name: 'Use $99.00 for Amount owed' })).toBeTruthy();
    expect(amount().value).toBe('1234.56');
  });

  it('prefills the agent’s own name and organisation from the settings', async () => {
    const fake = fakeScriptClient(PACKS, usCollectionsPack.id);
    await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } });
    expect((screen.getByRole('textbox', { name: /^Agent name/ }) as HTMLInputElement).value).toBe('Li Lei');
    expect((screen.getByRole('textbox', { name: /^Company name/ }) as HTMLInputElement).value).toBe('Example Bank');
  });

  it('reads the settings again for the next call, so a name filled in with the panel open is used', async () => {
    const fake = fakeScriptClient(PACKS, usCollectionsPack.id);
    const panel = await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } });
    fake.state.defaults = { 'agent.name': 'Wang Fang', 'company.name': 'Example Bank' };
    await panel.push({ tabId: 3, calls: { c2: liveCall({ id: 'c2' }) } });
    expect(fake.records.has('c2')).toBe(true);
    expect((screen.getByRole('textbox', { name: /^Agent name/ }) as HTMLInputElement).value).toBe('Wang Fang');
  });

  it('lists the pack’s forbidden phrases as “never say” entries in the objection search, with the rule', async () => {
    const fake = fakeScriptClient(PACKS, usCollectionsPack.id);
    await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } });
    fireEvent.input(screen.getByLabelText('Search objections and FAQ'), { target: { value: 'jail' } });
    await settle();
    const never = screen.getAllByTestId('script-never-say');
    expect(never.map((entry) => entry.textContent)).toEqual([
      'Never say: “You will be arrested / go to jail if you don’t pay.”Why: Saying or implying that not paying leads to arrest or jail is false and banned (FDCPA 1692e(4); Reg F 1006.18).',
    ]);
    // "Never say" entries come with the answers, not instead of them.
    fireEvent.input(screen.getByLabelText('Search objections and FAQ'), { target: { value: 'sue' } });
    await settle();
    expect(screen.getAllByTestId('script-never-say').map((entry) => entry.textContent)).toEqual([expect.stringMatching(/^Never say: “We are suing you/)]);
    expect(document.querySelector('.script-hits:not([aria-label]) .script-hit__question')?.textContent).toBe('Are you going to sue me?');
  });

  it('keeps progress when the panel is closed and reopened', async () => {
    const { fake, panel } = await cnCall();
    await digit(2);
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'third-party'));
    panel.unmount();
    await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } });
    expect(heading().textContent).toBe(stepTitle(cnCardLoanPack, 'third-party'));
  });

  it('goes to wrap-up when the call ends and records the chosen outcome', async () => {
    const { fake, panel } = await cnCall();
    await panel.push({ tabId: 3, calls: { c1: liveCall({ phase: 'ended', endedAt: 9_000, endedBy: 'remote', endReason: 'hangup' }) } });
    const group = screen.getByRole('group', { name: 'Choose the outcome of this call' });
    const hungUp = cnCardLoanPack.dispositions.find((d) => d.code === 'HUNG_UP')!;
    fireEvent.click(within(group).getByRole('button', { name: en(cnCardLoanPack, hungUp.label) }));
    await settle();
    expect(screen.getByTestId('script-outcome').dataset['code']).toBe('HUNG_UP');
    expect(fake.records.get('c1')!.disposition).toBe('HUNG_UP');
    // Required checks of the visited greeting were never ticked: listed, not enforced.
    expect(screen.getByRole('note').textContent).toContain(checkLabel(cnCardLoanPack, 'self-identified'));
  });

  it('switches an untouched call to the chosen pack, and only new calls once the script has started', async () => {
    const fake = fakeScriptClient(PACKS);
    await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } });
    expect(fake.records.get('c1')!.packId).toBe(usCollectionsPack.id);
    fireEvent.change(screen.getByTestId('script-pack'), { target: { value: cnCardLoanPack.id } });
    await settle();
    expect(fake.records.get('c1')!.packId).toBe(cnCardLoanPack.id);
    expect(fake.state.setting).toBe(cnCardLoanPack.id);
    await digit(2);
    fireEvent.change(screen.getByTestId('script-pack'), { target: { value: usCollectionsPack.id } });
    await settle();
    expect(fake.records.get('c1')!.packId).toBe(cnCardLoanPack.id);
    expect(document.body.textContent).toContain('applies from the next call');
  });
});

describe('a pack whose every text holds HTML and script', () => {
  const HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1"><b>x</b><a href="javascript:alert(1)">y</a>';
  const text = (tag: string) => ({ 'zh-CN': `${tag}${HOSTILE}`, en: `${tag}${HOSTILE}` });
  const parsed = parsePack({
    format: 'onscript-pack/1',
    id: 'test.hostile',
    version: '1.0.0',
    title: text('T'),
    description: text('D'),
    languages: ['zh-CN', 'en'],
    defaultLanguage: 'en',
    compliance: { profileId: 'US-FDCPA' },
    variables: [{ key: 'customer.name', label: text('VL'), help: text('VH'), type: 'text', required: true }],
    start: 's1',
    steps: [
      {
        id: 's1',
        title: text('S1'),
        body: text('B1'),
        say: [{ text: { 'zh-CN': `SAY${HOSTILE}{{customer.name}}`, en: `SAY${HOSTILE}{{customer.name}}` } }],
        checks: [{ id: 'c1', label: text('CL'), help: text('CH'), required: true }],
        choices: [
          { label: text('CH1'), next: 's2' },
          { label: text('CH2'), disposition: 'DONE' },
        ],
        next: 's2',
      },
      { id: 's2', title: text('S2'), body: text('B2'), gate: { requires: ['c1'], message: text('GM') }, choices: [{ label: text('CH3'), disposition: 'DONE' }] },
    ],
    objections: [{ id: 'o1', question: text('Q'), answer: text('A'), tags: ['hostile'], goTo: 's2' }],
    dispositions: [{ code: 'DONE', label: text('DL'), flags: [] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const pack = parsed.pack;

  function expectInert(...tags: string[]) {
    // The whole call view: the step, and the search and form that sit under the notes during a call.
    const root = document.querySelector('[data-testid="view-call"]')!;
    expect(root.querySelectorAll('script, img, b, a, iframe').length).toBe(0);
    for (const tag of tags) expect(root.textContent).toContain(`${tag}${HOSTILE}`);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  }

  it('renders the preview, the step, the search, the form and the wrap-up as literal text', async () => {
    const idle = fakeScriptClient([pack], pack.id);
    const preview = await renderPanelWithScript(idle.client, { tabId: 3, calls: {} });
    fireEvent.input(screen.getByLabelText('Search objections and FAQ'), { target: { value: 'hostile' } });
    await settle();
    expectInert('T', 'D', 'S1', 'S2', 'Q', 'A');
    preview.unmount();

    const fake = fakeScriptClient([pack], pack.id);
    const { push } = await renderPanelWithScript(fake.client, { tabId: 3, calls: { c1: liveCall() } });
    fireEvent.input(screen.getByLabelText('Search objections and FAQ'), { target: { value: 'hostile' } });
    fireEvent.input(screen.getByRole('textbox', { name: /^VL/ }), { target: { value: HOSTILE } });
    await settle();
    // Step 1: title, body, say line (with a hostile value), check label and help, choices, the lock naming the check, the form.
    expectInert('S1', 'B1', 'SAY', 'CL', 'CH', 'CH1', 'CH2', 'Q', 'A', 'VL', 'VH');
    expect(document.querySelector('[data-key="customer.name"]')!.textContent).toBe(HOSTILE);
    await digit(1);
    expectInert('GM', 'CL');
    fireEvent.click(screen.getByRole('checkbox'));
    await settle();
    await digit(1);
    expectInert('S2', 'B2', 'CH3');
    await push({ tabId: 3, calls: { c1: liveCall({ phase: 'ended', endedAt: 9_000 }) } });
    expectInert('DL');
    fireEvent.click(screen.getByRole('button', { name: `DL${HOSTILE}` }));
    await settle();
    expect(screen.getByTestId('script-outcome').textContent).toContain(`DL${HOSTILE}`);
    expectInert('DL');
  });
});
