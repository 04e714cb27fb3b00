// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsFileSection } from '../../../components/options/settings-file-section';
import type { SettingsImportReport } from '../../../lib/extension/pages/settings-file-client';
import { createTranslator } from '../../../lib/i18n/ui-messages';
import { renderInOptions } from '../../fixtures/options';

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

async function importWith(report: SettingsImportReport, language: 'en' | 'zh-CN' = 'en') {
  const imported: string[] = [];
  renderInOptions(<SettingsFileSection t={createTranslator(language)} />, {
    settingsFile: {
      exportSettings: async () => '{}',
      importSettings: async (text) => {
        imported.push(text);
        return report;
      },
    },
  });
  const input = screen.getByLabelText(language === 'en' ? 'Settings file (JSON)' : '设置文件（JSON）') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File(['{"format":"onscript-settings"}'], 'onscript-settings.json')] });
  fireEvent.submit(input.closest('form')!);
  await settle();
  await settle();
  return imported;
}

describe('SettingsFileSection', () => {
  afterEach(cleanup);

  it('imports the chosen file and says what was written, what the policy locks and what was refused', async () => {
    const imported = await importWith({
      applied: ['companyName'],
      locked: ['defaultCountry'],
      problems: [{ kind: 'bad-value', key: 'retentionDays', expected: 'a whole number of days from 1 to 3650' }],
    });
    expect(imported).toEqual(['{"format":"onscript-settings"}']);
    const report = screen.getByTestId('settings-file-report').textContent ?? '';
    expect(report).toContain('Imported: companyName.');
    expect(report).toContain('Not imported, locked by your administrator: defaultCountry.');
    expect(screen.getByRole('alert').textContent).toBe('"retentionDays" was not imported: expected a whole number of days from 1 to 3650.');
  });

  it('says in Chinese when the file is not a settings file', async () => {
    await importWith({ applied: [], locked: [], problems: [{ kind: 'not-settings-file' }] }, 'zh-CN');
    expect(screen.getByRole('status').textContent).toBe('没有导入任何设置。');
    expect(screen.getByRole('alert').textContent).toContain('这不是 OnScript 设置文件');
  });
});
