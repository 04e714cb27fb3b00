import { useState } from 'preact/hooks';
import { originPatternFromInput } from '../../lib/detection/dialer-access';
import type { Translate } from '../../lib/i18n/ui-messages';

/**
 * A site address the agent types or pastes, turned into an origin pattern with the options page's rules; what is no
 * http(s) address is refused through `onInvalid`. Shared by the options page and the side panel.
 */
export function AddOriginForm({
  t,
  onAdd,
  onInvalid,
}: {
  t: Translate;
  onAdd(pattern: string): Promise<unknown>;
  onInvalid(): void;
}) {
  const [text, setText] = useState('');
  return (
    <form
      aria-label={t('detection.addOrigin')}
      onSubmit={(event) => {
        event.preventDefault();
        const pattern = originPatternFromInput(text);
        if (!pattern) {
          onInvalid();
          return;
        }
        // Requested straight from the submit, so the browser still counts it as the user's gesture.
        void onAdd(pattern).then(() => setText(''));
      }}
    >
      <label>
        {t('detection.originLabel')}
        <input name="origin" value={text} maxLength={256} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <button type="submit">{t('detection.add')}</button>
    </form>
  );
}
