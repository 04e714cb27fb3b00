import { useState } from 'preact/hooks';
import type { SettingsImportReport } from '../../lib/extension/pages/settings-file-client';
import type { SettingsFileProblem } from '../../lib/settings/settings-file';
import type { Translate } from '../../lib/i18n/ui-messages';
import { useOptionsClients } from '../options-clients';

/**
 * Export and import of the settings file (lib/settings/settings-file.ts), for teams without enterprise policy: one
 * browser exports, the others import. The import says what it wrote, what the policy locks (never overwritten) and
 * why anything was refused.
 */
export function SettingsFileSection({ t }: { t: Translate }) {
  const { settingsFile } = useOptionsClients();
  const [report, setReport] = useState<SettingsImportReport | undefined>(undefined);

  async function exportFile() {
    const text = await settingsFile.exportSettings();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'onscript-settings.json';
    link.click();
    // The download has its own reference to the blob once started.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function importFile(event: Event) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('settingsFile') as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return;
    setReport(await settingsFile.importSettings(await file.text()));
  }

  return (
    <section aria-labelledby="settings-file-title">
      <h2 id="settings-file-title">{t('options.settingsFile')}</h2>
      <p class="muted" id="settings-file-hint">
        {t('options.settingsFile.hint')}
      </p>
      <button type="button" onClick={() => void exportFile()}>
        {t('options.settingsFile.export')}
      </button>
      <form onSubmit={importFile}>
        <label>
          {t('options.settingsFile.file')}
          <input type="file" name="settingsFile" accept=".json,application/json" aria-describedby="settings-file-hint" />
        </label>
        <button type="submit">{t('options.settingsFile.import')}</button>
      </form>
      {report && <ImportReport t={t} report={report} />}
    </section>
  );
}

function ImportReport({ t, report }: { t: Translate; report: SettingsImportReport }) {
  return (
    <div data-testid="settings-file-report">
      <p role="status">
        {report.applied.length > 0 ? t('options.settingsFile.applied', { keys: report.applied.join(', ') }) : t('options.settingsFile.nothingApplied')}
        {report.applied.length > 0 ? ` ${t('options.settingsFile.reload')}` : ''}
      </p>
      {report.locked.length > 0 && <p>{t('options.settingsFile.locked', { keys: report.locked.join(', ') })}</p>}
      {report.problems.length > 0 && (
        <ul role="alert">
          {report.problems.map((problem, index) => (
            <li key={index}>{problemText(t, problem)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function problemText(t: Translate, problem: SettingsFileProblem): string {
  switch (problem.kind) {
    case 'newer-version':
      return t('options.settingsFile.problem.newer-version', { version: problem.version });
    case 'unknown-setting':
      return t('options.settingsFile.problem.unknown-setting', { key: problem.key });
    case 'bad-value':
      return t('options.settingsFile.problem.bad-value', { key: problem.key, expected: problem.expected });
    default:
      return t(`options.settingsFile.problem.${problem.kind}`);
  }
}
