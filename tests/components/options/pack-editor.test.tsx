// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PackEditor } from '../../../components/options/pack-editor';
import { createTranslator, type UiLanguage } from '../../../lib/i18n/ui-messages';
import type { ScriptPack } from '../../../lib/packs/types';
import { minimalPack } from '../../lib/packs/fixtures';
import { renderInOptions } from '../../fixtures/options';

afterEach(cleanup);

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function renderEditor(language: UiLanguage = 'en') {
  renderInOptions(<PackEditor t={createTranslator(language)} language={language} />);
  await settle();
}

const jsonBox = () => screen.getByRole('textbox', { name: /JSON$/ }) as HTMLTextAreaElement;
const textbox = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
// Inputs offering a datalist of step ids or outcome codes are comboboxes.
const combobox = (name: string) => screen.getByRole('combobox', { name }) as HTMLInputElement;
const previewStep = () => screen.getByTestId('pack-preview-step');
const report = () => screen.getByTestId('pack-editor-report');

async function typeInto(element: HTMLElement, value: string) {
  await act(async () => {
    fireEvent.input(element, { target: { value } });
  });
}

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

async function loadPack(pack: unknown) {
  await typeInto(jsonBox(), JSON.stringify(pack, null, 2));
}

const jsonPack = () => JSON.parse(jsonBox().value) as ScriptPack;

describe('PackEditor form and side panel preview', () => {
  it('rewrites the JSON and the preview when a step title is edited in the form', async () => {
    await renderEditor();
    await loadPack(minimalPack());
    expect(report().textContent).toContain('Valid: test.minimal 1.0.0, 4 steps.');
    expect(within(previewStep()).getByRole('heading').textContent).toBe('Greeting');

    await typeInto(textbox('Step title (English)'), 'Opening');

    expect(jsonPack().steps[0]?.title).toEqual({ 'zh-CN': '中文：Greeting', en: 'Opening' });
    // Only the edited field changed: everything else survives the form's rewrite.
    const expected = minimalPack();
    expected.steps[0]!.title.en = 'Opening';
    expect(jsonPack()).toEqual(expected);
    expect(within(previewStep()).getByRole('heading').textContent).toBe('Opening');
    expect(screen.getByRole('button', { name: '1. Opening' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('refills the form when the JSON is edited, and leaves it alone while the JSON does not parse', async () => {
    await renderEditor();
    await loadPack(minimalPack());
    const edited = minimalPack();
    edited.id = 'team.renamed';
    edited.steps[0]!.title = { 'zh-CN': '开场', en: 'Hello there' };
    edited.steps[0]!.say = [{ text: { 'zh-CN': '你好', en: 'Good morning, {{agent.name}}.' } }];
    await loadPack(edited);

    expect(textbox('Pack id').value).toBe('team.renamed');
    expect(textbox('Step title (English)').value).toBe('Hello there');
    expect(textbox('Step title (中文)').value).toBe('开场');
    expect(textbox('Say line 1 (English)').value).toBe('Good morning, {{agent.name}}.');

    await typeInto(jsonBox(), '{ "id": ');
    expect(screen.queryByTestId('pack-form')).toBeNull();
    expect(screen.getByText(/The form fills in once the JSON parses/)).toBeTruthy();
    expect(jsonBox().value).toBe('{ "id": ');
  });

  it("shows parsePack's error with its path for a new choice whose next step does not exist", async () => {
    await renderEditor();
    await loadPack(minimalPack());
    await click(screen.getByRole('button', { name: 'Add choice' }));
    await typeInto(textbox('Choice 3 label (English)'), 'Call back later');
    expect(within(report()).getAllByRole('listitem').map((item) => item.textContent)).toContain(
      '/steps/0/choices/2/label/zh-CN missing Chinese translation (zh-CN)',
    );
    await typeInto(textbox('Choice 3 label (中文)'), '稍后回电');
    await typeInto(combobox('Choice 3 next step'), 'nowhere');

    expect(jsonPack().steps[0]?.choices?.[2]).toEqual({ label: { en: 'Call back later', 'zh-CN': '稍后回电' }, next: 'nowhere' });
    const items = within(report()).getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toContain('/steps/0/choices/2/next no step has the id "nowhere"');
    // The preview waits for a valid pack instead of guessing; the form keeps the draft for fixing.
    expect(screen.queryByTestId('pack-preview-step')).toBeNull();
    expect(combobox('Choice 3 next step').value).toBe('nowhere');

    await typeInto(combobox('Choice 3 next step'), 'arrears');
    expect(report().textContent).toContain('Valid');
    expect(within(previewStep()).getAllByRole('listitem').map((item) => item.textContent)).toContain('3Call back latergoes to arrearsLocked until ticked: Identity verified');
    const locked = within(previewStep()).getAllByRole('listitem').find((item) => item.textContent?.includes('Call back later'));
    expect(locked?.querySelector('svg.lock-icon')).not.toBeNull();
  });

  it('starts a new pack from a template whose debt is gated on every path, and warns once a step loses that', async () => {
    await renderEditor();
    await click(screen.getByRole('button', { name: 'A new pack (template)' }));
    expect(jsonPack().format).toBe('onscript-pack/2');
    expect(report().textContent).toContain('Valid: my-team.new-pack 0.1.0');
    expect(report().textContent).not.toContain('Warnings');

    // The wrong-person step is open: whoever answers may hear it. Take that away and it speaks before the gate.
    await click(screen.getByRole('button', { name: '5. Not the customer' }));
    const open = screen.getByRole('checkbox', { name: /^Open: may be heard before identity is verified/ }) as HTMLInputElement;
    expect(open.checked).toBe(true);
    await click(open);
    expect(jsonPack().steps[4]).not.toHaveProperty('open');
    const warnings = within(report()).getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(warnings).toContainEqual(expect.stringMatching(/^\/steps\/4 warning: step "third-party" may speak of the debt without the debt gate \(identity-verified\): it can be reached before the gate \(greeting → third-party\)/));
  });

  it('shows the debt-gate warning for a step an objection jumps to without the gate', async () => {
    await renderEditor();
    const pack = minimalPack();
    pack.objections[0]!.goTo = 'wrong-party';
    pack.steps[3]!.say = [{ text: { 'zh-CN': '您欠{{debt.amount}}', en: 'You owe {{debt.amount}}' } }];
    await loadPack(pack);
    expect(report().textContent).toContain('Valid');
    expect(within(report()).getAllByRole('listitem').map((item) => item.textContent)).toContain(
      '/steps/3 warning: step "wrong-party" may speak of the debt without a gate on the identity check: it uses {{debt.amount}}; objection "who" jumps to it. Gate it on the identity check.',
    );
  });

  it('renders say lines with sample values, Markdown, checks and gate locks like the side panel', async () => {
    await renderEditor();
    await loadPack(minimalPack());
    const say = within(previewStep()).getByRole('group', { name: 'Say this' });
    expect(say.textContent).toBe('Hello, this is Agent (sample).');
    expect(say.querySelector('mark.say__var')?.textContent).toBe('Agent (sample)');

    await click(screen.getByRole('checkbox', { name: 'Fill sample values' }));
    expect(within(previewStep()).getByRole('group', { name: 'Say this' }).querySelector('.say__missing')?.textContent).toBe('[Agent]');

    await act(async () => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Preview step' }), { target: { value: '2' } });
    });
    const step = previewStep();
    expect(step.dataset.stepId).toBe('arrears');
    expect(step.querySelector('.script-step__body strong')?.textContent).toBe('the amount');
    expect(step.textContent).toContain('locked until: Identity verified');
    // The form follows the preview's step picker: both show the same step.
    expect(textbox('Step id').value).toBe('arrears');
  });

  it('shows the preview in the UI language', async () => {
    await renderEditor('zh-CN');
    await loadPack(minimalPack());
    expect(within(previewStep()).getByRole('heading').textContent).toBe('中文：Greeting');
    expect(previewStep().textContent).toContain('第 1 步，共 4 步');
    expect(screen.getByRole('textbox', { name: '步骤标题（English）' })).toBeTruthy();
  });

  it('adds, reorders and removes steps from the keyboard-reachable step list', async () => {
    await renderEditor();
    await loadPack(minimalPack());
    const moveUp = screen.getByRole('button', { name: 'Move step 2 up' });
    moveUp.focus();
    await click(moveUp);
    await settle();
    expect(jsonPack().steps.map((step) => step.id)).toEqual(['identity', 'greeting', 'arrears', 'wrong-party']);
    // Focus follows the moved step; at the top its "up" is disabled, so its own button takes focus.
    expect(document.activeElement?.textContent).toBe('1. Identity');
    expect(textbox('Step id').value).toBe('identity');

    await click(screen.getByRole('button', { name: 'Add step' }));
    expect(jsonPack().steps[4]).toEqual({ id: 'step-5', title: {} });
    expect(textbox('Step id').value).toBe('step-5');
    expect(report().textContent).toContain('/steps/4');

    await click(screen.getByRole('button', { name: 'Remove step 5' }));
    expect(jsonPack().steps).toHaveLength(4);
    expect(report().textContent).toContain('Valid');
  });

  it('edits checks and the gate, and removes emptied optional fields', async () => {
    await renderEditor();
    await loadPack(minimalPack());
    await click(screen.getByRole('checkbox', { name: 'Check 1 required' }));
    expect(jsonPack().steps[0]?.checks?.[0]?.required).toBe(false);

    await click(screen.getByRole('button', { name: '3. Arrears' }));
    await click(screen.getByRole('checkbox', { name: 'identity-ok' }));
    expect(jsonPack().steps[2]?.gate).toBeUndefined();
    await click(screen.getByRole('checkbox', { name: 'named-self' }));
    expect(jsonPack().steps[2]?.gate).toEqual({ requires: ['named-self'] });

    await typeInto(textbox('Guidance (Markdown) (English)'), '');
    await typeInto(textbox('Guidance (Markdown) (中文)'), '');
    expect(jsonPack().steps[2]).not.toHaveProperty('body');
    await click(screen.getByRole('button', { name: 'Remove say line 1' }));
    expect(jsonPack().steps[2]).not.toHaveProperty('say');
  });

  it('keeps hostile pack text inert in the form and the preview', async () => {
    const hostile = minimalPack();
    const title = '<img src=x onerror="window.__pwned=1">';
    const body = '<script>window.__pwned=2</script> <b>bold</b>';
    hostile.steps[0]!.title = { 'zh-CN': title, en: title };
    hostile.steps[0]!.body = { 'zh-CN': body, en: body };
    hostile.steps[0]!.say = [{ text: { 'zh-CN': '<iframe src="javascript:alert(1)">', en: '<iframe src="javascript:alert(1)"> {{agent.name}}' } }];
    await renderEditor();
    await loadPack(hostile);
    await typeInto(textbox('Choice 1 label (English)'), '<svg onload="window.__pwned=3">');

    const editor = screen.getByTestId('pack-editor');
    expect(editor.querySelectorAll('img, script, b, iframe, svg')).toHaveLength(0);
    expect(textbox('Step title (English)').value).toBe(title);
    expect(within(previewStep()).getByRole('heading').textContent).toBe(title);
    expect(previewStep().querySelector('.script-step__body')?.textContent).toBe(body);
    expect(previewStep().textContent).toContain('<iframe src="javascript:alert(1)"> Agent (sample)');
    expect(previewStep().textContent).toContain('<svg onload="window.__pwned=3">');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
