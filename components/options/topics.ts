import { useEffect, useState } from 'preact/hooks';
import type { UiMessageKey } from '../../lib/i18n/ui-messages';

/** The options page's views, in navigation order; each is addressed by its URL hash (`options.html#team`). */
export const OPTIONS_VIEWS = ['you', 'dialers', 'compliance', 'notes', 'packs', 'pack-editor', 'team'] as const;

/** One view of the options page. */
export type OptionsView = (typeof OPTIONS_VIEWS)[number];

/** The view shown when the hash names none (a first visit, or an old bookmark). */
export const DEFAULT_VIEW: OptionsView = 'you';

/** Each view's name in the navigation and the page title. */
export const VIEW_LABELS: Record<OptionsView, UiMessageKey> = {
  you: 'options.topic.you',
  dialers: 'options.topic.dialers',
  compliance: 'options.topic.compliance',
  notes: 'options.topic.notes',
  packs: 'options.topic.packs',
  'pack-editor': 'options.topic.packEditor',
  team: 'options.topic.team',
};

/** Views listed under another in the navigation (the pack editor belongs to script packs). */
export const VIEW_PARENT: Partial<Record<OptionsView, OptionsView>> = { 'pack-editor': 'packs' };

/** The view a URL hash names; anything else (empty, unknown, a stale link) is the default view. */
export function viewFromHash(hash: string): OptionsView {
  let name: string;
  try {
    name = decodeURIComponent(hash.replace(/^#\/?/, '')).trim().toLowerCase();
  } catch {
    return DEFAULT_VIEW; // A malformed escape in a hand-typed address.
  }
  return (OPTIONS_VIEWS as readonly string[]).includes(name) ? (name as OptionsView) : DEFAULT_VIEW;
}

/** The hash that addresses a view. */
export function hashOf(view: OptionsView): string {
  return `#${view}`;
}

/**
 * The view the page's hash names, following the hash as it changes (links, Back and Forward, a typed address),
 * so a reload or a shared link keeps its topic.
 */
export function useHashView(): OptionsView {
  const [view, setView] = useState<OptionsView>(() => viewFromHash(location.hash));
  useEffect(() => {
    const follow = () => setView(viewFromHash(location.hash));
    addEventListener('hashchange', follow);
    follow();
    return () => removeEventListener('hashchange', follow);
  }, []);
  return view;
}
