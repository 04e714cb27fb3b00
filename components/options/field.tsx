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

/** A small padlock, hidden from assistive technology (the text beside it says "Locked"). */
export function LockIcon() {
  return (
    <svg class="lock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}
