/**
 * A small padlock drawn in the text colour: beside a setting the lead locked, and beside an option or "Next" that a
 * script gate holds. Drawn rather than typed, because the 🔒 emoji needs an emoji font and without one (Debian's
 * defaults) it shows as an empty box. Hidden from assistive technology: the text beside it says the same in words.
 */
export function LockIcon({ size = '14px' }: { size?: string }) {
  return (
    <svg class="lock-icon" viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}
