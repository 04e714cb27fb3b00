import { LockIcon } from '../lock-icon';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/**
 * One setting: its label and control on the left, its help text beside it (below on a narrow window), tied to the
 * control with aria-describedby so a screen reader reads the help with the field. `control` receives the help's
 * id. A locked setting shows the lock badge with the help, in words and an icon, not by colour alone.
 */
export function Field({
  label,
  hint,
  locked,
  control,
  testId,
}: {
  label: ComponentChildren;
  hint: ComponentChildren;
  /** What the lock badge says, when the lead locked this setting. */
  locked?: string;
  control: (describedBy: string) => ComponentChildren;
  testId?: string;
}) {
  const hintId = `field-hint-${useId()}`;
  return (
    <div class={locked ? 'field field--locked' : 'field'} data-testid={testId}>
      <label class="field__label">
        <span class="field__name">{label}</span>
        {control(hintId)}
      </label>
      <div class="field__hint" id={hintId}>
        {locked && <LockBadge text={locked} />}
        <span>{hint}</span>
      </div>
    </div>
  );
}

/** "Locked" with a padlock drawn in SVG: the icon is decoration, the words carry the meaning. */
export function LockBadge({ text, testId }: { text: string; testId?: string }) {
  return (
    <span class="lock-badge" data-testid={testId}>
      <LockIcon />
      {text}
    </span>
  );
}

