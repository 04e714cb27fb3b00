// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../../components/options-app';
import { OPTIONS_VIEWS, viewFromHash } from '../../../components/options/topics';
import { uiLanguageSetting } from '../../../lib/extension/shared/settings';
import { readUiLanguageInForce } from '../../../lib/extension/shared/ui-language';
import { fakeOptionsClients } from '../../fixtures/options';
import type { OptionsClients } from '../../../lib/extension/pages/clients';

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Goes to a hash as a link, Back or a typed address does. */
async function goTo(hash: string) {
  await act(async () => {
    location.hash = hash;
    dispatchEvent(new HashChangeEvent('hashchange'));
  });
  await settle();
}

/** Renders the page as its entry point does: with the language in force read first. */
async function renderApp(hash = '', clients: Partial<OptionsClients> = {}) {
  history.replaceState(null, '', `/options.html${hash}`);
  render(<OptionsApp clients={fakeOptionsClients(clients)} initialLanguage={await readUiLanguageInForce()} />);
  await settle();
}

const nav = () => screen.getByRole('navigation', { name: 'Settings topics' });
const current = () => within(nav()).getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page');

beforeEach(async () => {
  await uiLanguageSetting.setValue('en');
});
afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/options.html');
});

describe('viewFromHash', () => {
  it('names a view by its hash and falls back to "You" for anything else', () => {
    expect(viewFromHash('#team')).toBe('team');
    expect(viewFromHash('#/compliance')).toBe('compliance');
    expect(viewFromHash('#Pack-Editor')).toBe('pack-editor');
    expect(viewFromHash('')).toBe('you');
    expect(viewFromHash('#')).toBe('you');
    expect(viewFromHash('#nothing-here')).toBe('you');
    expect(viewFromHash('#%E0%A4%A')).toBe('you');
  });
});

describe('OptionsApp language', () => {
  it('renders its first frame in the language the entry point read, never the browser\'s first', async () => {
    await uiLanguageSetting.setValue('zh-CN');
    history.replaceState(null, '', '/options.html');
    // Nothing awaited: what the agent sees before any storage read answers.
    render(<OptionsApp clients={fakeOptionsClients()} initialLanguage="zh-CN" />);
    expect(screen.getByRole('navigation', { name: '设置分类' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});

describe('OptionsApp navigation', () => {
  it('lists every topic as a link in a named navigation landmark, the current one marked', async () => {
    await renderApp();
    const links = within(nav()).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['You', 'Dialers', 'Compliance', 'Notes and retention', 'Script packs', 'Pack editor', 'Team']);
    expect(links.map((link) => link.getAttribute('href'))).toEqual(OPTIONS_VIEWS.map((view) => `#${view}`));
    expect(current().map((link) => link.textContent)).toEqual(['You']);
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'You' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2, name: 'Team' })).toBeNull();
  });

  it('opens the topic a link or a reload names, and follows the hash as it changes', async () => {
    await renderApp('#compliance');
    expect(current().map((link) => link.textContent)).toEqual(['Compliance']);
    expect(screen.getByRole('heading', { level: 2, name: 'Compliance' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'You' })).toBeNull();
    expect(document.title).toBe('Compliance · OnScript settings');

    await goTo('#team');
    expect(current().map((link) => link.textContent)).toEqual(['Team']);
    const heading = screen.getByRole('heading', { level: 2, name: 'Team' });
    // Choosing a topic moves focus to its heading, so keyboard and screen-reader users land in it.
    expect(document.activeElement).toBe(heading);
    expect(screen.queryByRole('heading', { level: 2, name: 'Compliance' })).toBeNull();

    await goTo('#pack-editor');
    expect(current().map((link) => link.textContent)).toEqual(['Pack editor']);
    expect(screen.getByTestId('pack-editor')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /JSON$/ })).toBeTruthy();

    await goTo('#no-such-topic');
    expect(current().map((link) => link.textContent)).toEqual(['You']);
  });

  it('links from script packs to the pack editor view', async () => {
    await renderApp('#packs');
    expect(screen.getByRole('link', { name: 'Open the pack editor' }).getAttribute('href')).toBe('#pack-editor');
  });

  it('switches the whole page to the saved language, whichever topic opens first', async () => {
    await uiLanguageSetting.setValue('zh-CN');
    await renderApp('#notes');
    const zhNav = screen.getByRole('navigation', { name: '设置分类' });
    const marked = within(zhNav).getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page');
    expect(marked.map((link) => link.textContent)).toEqual(['备注与保留期限']);
    expect(screen.getByRole('heading', { level: 2, name: '备注与保留期限' })).toBeTruthy();
  });

  it('switches the whole page when the agent saves another language, and back to the policy default on auto', async () => {
    await fakeBrowser.storage.managed.set({ uiLanguage: 'zh-CN' });
    await uiLanguageSetting.setValue('en');
    await renderApp();
    const you = screen.getByRole('region', { name: 'You' });
    fireEvent.change(within(you).getByRole('combobox', { name: 'Interface language' }), { target: { value: 'auto' } });
    fireEvent.click(within(you).getByRole('button', { name: 'Save' }));
    await settle();
    // The agent's "automatic" falls back to the policy's default language, as every other surface reads it.
    expect(screen.getByRole('navigation', { name: '设置分类' })).toBeTruthy();
    expect(await uiLanguageSetting.getValue()).toBe('auto');
  });

  it('shows what the administrator locked as locked, with the policy’s value, help tied to each control', async () => {
    await renderApp('', {
      compliancePolicy: async () => ({
        policy: {},
        locks: { locked: ['agentName', 'uiLanguage'], values: { agentName: '李娜', uiLanguage: 'en' }, ignored: [] },
        ignored: [],
      }),
    });
    const you = screen.getByRole('region', { name: 'You' });
    const name = within(you).getByRole('textbox', { name: 'Your name (as you introduce yourself)' }) as HTMLInputElement;
    expect(name.disabled).toBe(true);
    expect(name.value).toBe('李娜');
    const help = document.getElementById(name.getAttribute('aria-describedby')!)!;
    expect(help.textContent).toContain('Locked');
    expect(help.textContent).toContain('Locked by your administrator');
    expect((within(you).getByRole('combobox', { name: 'Interface language' }) as HTMLSelectElement).disabled).toBe(true);
    const company = within(you).getByRole('textbox', { name: 'Your organisation (as scripts name it)' }) as HTMLInputElement;
    expect(company.disabled).toBe(false);
    expect(document.getElementById(company.getAttribute('aria-describedby')!)!.textContent).toBe('The creditor or agency name scripts say on your behalf.');
  });
});
