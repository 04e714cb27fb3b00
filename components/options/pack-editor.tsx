import { useEffect, useMemo, useState } from 'preact/hooks';
import { useOptionsClients } from '../options-clients';
import type { Translate, UiLanguage } from '../../lib/i18n/ui-messages';
import { createPackTemplate, localize, parsePack, type ScriptPack } from '../../lib/packs';
import { DEFAULT_PACKS } from '../../lib/packs/defaults';
import { diffPacks, isEmptyDiff } from '../../lib/packs/diff';
import { readDraft, writeDraft } from './pack-editor/draft';
import { PackForm } from './pack-editor/pack-form';
import { PanelPreview } from './pack-editor/panel-preview';

/**
 * The lead's pack editor: a form and the raw JSON side by side, editing one pack (the form writes the JSON; the
 * JSON refills the form whenever it parses), checked as it is typed (errors with their JSON paths), a preview
 * of the selected step as the side panel shows it, an outline of the steps as agents will walk them, the
 * differences from the pack it replaces, and export of the file to sign offline. Signing stays in the CLI so the private key never enters a browser.
 */
export function PackEditor({ t, language }: { t: Translate; language: UiLanguage }) {
  const { packs } = useOptionsClients();
  const [text, setText] = useState('');
  const [teamPack, setTeamPack] = useState<ScriptPack | null>(null);

  useEffect(() => {
    void packs.getActive().then(setTeamPack).catch(() => undefined);
  }, []);

  const [stepIndex, setStepIndex] = useState(0);
  const draft = useMemo(() => readDraft(text), [text]);
  const result = useMemo(() => (text.trim() ? parsePack(text) : undefined), [text]);
  const pack = result?.ok ? result.pack : undefined;
  const baseline = pack ? (teamPack?.id === pack.id ? teamPack : DEFAULT_PACKS.find((known) => known.id === pack.id)) : undefined;
  const starters: { label: string; pack: ScriptPack }[] = [
    { label: t('packs.editor.newPack'), pack: createPackTemplate() },
    ...(teamPack ? [{ label: t('packs.editor.teamPack'), pack: teamPack }] : []),
    ...DEFAULT_PACKS.map((known) => ({ label: localize(known.title, language, known), pack: known })),
  ];

  return (
    <section aria-labelledby="pack-editor-title" data-testid="pack-editor" class="pack-editor">
      <div class="pack-editor__top">
        <div class="pack-editor__heading">
          <h2 id="pack-editor-title">{t('packs.editor.title')}</h2>
          <p class="muted">{t('packs.editor.intro')}</p>
        </div>
        <div role="group" aria-label={t('packs.editor.startFrom')} class="options__actions">
          {starters.map((starter) => (
            <button key={`${starter.pack.id}@${starter.pack.version}`} type="button" onClick={() => setText(JSON.stringify(starter.pack, null, 2))}>
              {starter.label}
            </button>
          ))}
          {pack && (
            <button type="button" class="pack-editor__export" onClick={() => downloadPack(pack)}>
              {t('packs.editor.export')}
            </button>
          )}
        </div>
      </div>
      {/* Three panes that fill the window and scroll on their own: the form, the JSON (with its report) and the preview. */}
      <div class="pack-editor__panes">
        <div role="group" aria-label={t('editor.form')} class="pack-editor__pane pack-editor__pane--form">
          {draft ? (
            <PackForm draft={draft} onChange={(next) => setText(writeDraft(next))} t={t} language={language} selected={stepIndex} onSelect={setStepIndex} />
          ) : (
            <p class="muted">{t('editor.form.needsJson')}</p>
          )}
        </div>
        <div class="pack-editor__pane pack-editor__pane--json">
          <label class="pack-editor__json-label" for="pack-editor-json">
            {t('packs.editor.json')}
          </label>
          <textarea
            id="pack-editor-json"
            name="packJson"
            spellcheck={false}
            class="pack-editor__json"
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          {result && <ValidationReport result={result} t={t} />}
        </div>
        <div class="pack-editor__pane pack-editor__pane--preview" role="region" aria-label={t('options.editor.preview')} tabIndex={0}>
          {pack ? (
            <PanelPreview pack={pack} language={language} t={t} selected={stepIndex} onSelect={setStepIndex} />
          ) : (
            <p class="muted">{result ? t('editor.preview.invalid') : t('options.editor.openHint')}</p>
          )}
          {pack && <PackPreview pack={pack} t={t} language={language} />}
          {pack && baseline && <PackDiffView from={baseline} to={pack} t={t} />}
        </div>
      </div>
    </section>
  );
}

function ValidationReport({ result, t }: { result: ReturnType<typeof parsePack>; t: Translate }) {
  return (
    <div role="status" data-testid="pack-editor-report">
      {result.ok ? (
        <p>{t('packs.editor.valid', { id: result.pack.id, version: result.pack.version, steps: result.pack.steps.length })}</p>
      ) : (
        <>
          <p class="panel__error">{t('packs.editor.invalid', { count: result.errors.length })}</p>
          <ul>
            {result.errors.map((issue, index) => (
              <li key={index}>
                <code>{issue.path || '/'}</code> {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.warnings.length > 0 && (
        <>
          <p>{t('packs.editor.warnings')}</p>
          <ul>
            {result.warnings.map((issue, index) => (
              <li key={index}>
                <code>{issue.path || '/'}</code> {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function PackPreview({ pack, t, language }: { pack: ScriptPack; t: Translate; language: UiLanguage }) {
  const text = (value: Parameters<typeof localize>[0]) => localize(value, language, pack);
  return (
    <details class="pack-editor__outline" open>
      <summary>{t('packs.editor.preview')}</summary>
      <ol data-testid="pack-editor-preview">
        {pack.steps.map((step) => (
          <li key={step.id}>
            <strong>{text(step.title)}</strong>
            {step.gate && <span class="muted"> ({t('packs.editor.gate', { checks: step.gate.requires.join(', ') })})</span>}
            {step.say && step.say.length > 0 && (
              <ul>
                {step.say.map((line, index) => (
                  <li key={index}>{text(line.text)}</li>
                ))}
              </ul>
            )}
            {step.choices && step.choices.length > 0 && (
              <ol>
                {step.choices.map((choice, index) => (
                  <li key={index}>{text(choice.label)}</li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

function PackDiffView({ from, to, t }: { from: ScriptPack; to: ScriptPack; t: Translate }) {
  const diff = diffPacks(from, to);
  const line = (key: Parameters<Translate>[0], items: string[]) => (items.length > 0 ? <li>{t(key, { items: items.join(', ') })}</li> : null);
  return (
    <div data-testid="pack-editor-diff">
      <p>{t('packs.editor.diff', { id: from.id, version: from.version })}</p>
      {isEmptyDiff(diff) ? (
        <p class="muted">{t('packs.editor.noDiff')}</p>
      ) : (
        <ul>
          {line('packs.changes.added', diff.steps.added)}
          {line('packs.changes.removed', diff.steps.removed)}
          {line('packs.changes.changed', diff.steps.changed)}
          {line('packs.changes.other', diff.otherFields)}
        </ul>
      )}
    </div>
  );
}

function downloadPack(pack: ScriptPack): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(pack, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${pack.id}-${pack.version}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
