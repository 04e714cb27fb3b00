// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { GeneralSettings } from '../../../components/options/general-settings';
import { agentNameSetting, agentStaffIdSetting, companyNameSetting } from '../../../lib/extension/shared/settings';
import { createTranslator } from '../../../lib/i18n/ui-messages';
import { renderInOptions } from '../../fixtures/options';
import type { OptionsClients } from '../../../lib/extension/pages/clients';

afterEach(cleanup);

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('GeneralSettings', () => {
  it('keeps the agent’s name, staff number and organisation that scripts say', async () => {
    await companyNameSetting.setValue('Example Bank');
    renderInOptions(<GeneralSettings t={createTranslator('en')} onLanguageChange={() => undefined} />);
    await settle();
    expect((screen.getByLabelText('Your organisation (as scripts name it)') as HTMLInputElement).value).toBe('Example Bank');
    await act(async () => {
      fireEvent.input(screen.getByLabelText('Your name (as you introduce yourself)'), { target: { value: ' 王芳 ' } });
      fireEvent.input(screen.getByLabelText('Your staff number (said on Chinese collection calls)'), { target: { value: 'A0123' } });
      fireEvent.input(screen.getByLabelText('Your organisation (as scripts name it)'), { target: { value: '示例银行' } });
    });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: 'Save' }).closest('form')!);
    });
    await settle();
    expect(await agentNameSetting.getValue()).toBe('王芳');
    expect(await agentStaffIdSetting.getValue()).toBe('A0123');
    expect(await companyNameSetting.getValue()).toBe('示例银行');
  });

  it('keeps what the agent typed while the administrator’s policy is still being read', async () => {
    let answer: (view: Awaited<ReturnType<OptionsClients['compliancePolicy']>>) => void = () => undefined;
    const policy = new Promise<Awaited<ReturnType<OptionsClients['compliancePolicy']>>>((resolve) => (answer = resolve));
    renderInOptions(<GeneralSettings t={createTranslator('en')} onLanguageChange={() => undefined} />, { compliancePolicy: () => policy });
    await settle();
    await act(async () => {
      fireEvent.input(screen.getByLabelText('Your name (as you introduce yourself)'), { target: { value: '王芳' } });
    });
    await act(async () => answer({ policy: {}, locks: { locked: [], values: {}, ignored: [] }, ignored: [] }));
    await settle();
    expect((screen.getByLabelText('Your name (as you introduce yourself)') as HTMLInputElement).value).toBe('王芳');
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: 'Save' }).closest('form')!);
    });
    await settle();
    expect(await agentNameSetting.getValue()).toBe('王芳');
  });
});
