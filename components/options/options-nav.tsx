import type { Translate } from '../../lib/i18n/ui-messages';
import { hashOf, OPTIONS_VIEWS, VIEW_LABELS, VIEW_PARENT, type OptionsView } from './topics';

/**
 * The topic navigation: a landmark of plain links (Tab and Enter work everywhere, middle-click opens a topic in
 * a new tab), the current one marked with aria-current and, not by colour alone, a bar and bold text. The pack
 * editor is listed under script packs.
 */
export function OptionsNav({ t, current }: { t: Translate; current: OptionsView }) {
  const top = OPTIONS_VIEWS.filter((view) => !VIEW_PARENT[view]);
  return (
    <nav class="options-nav" aria-label={t('options.nav')}>
      <ul class="options-nav__list">
        {top.map((view) => {
          const children = OPTIONS_VIEWS.filter((candidate) => VIEW_PARENT[candidate] === view);
          return (
            <li key={view}>
              <NavLink view={view} current={current} t={t} />
              {children.length > 0 && (
                <ul class="options-nav__sub">
                  {children.map((child) => (
                    <li key={child}>
                      <NavLink view={child} current={current} t={t} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function NavLink({ view, current, t }: { view: OptionsView; current: OptionsView; t: Translate }) {
  return (
    <a class="options-nav__link" href={hashOf(view)} aria-current={view === current ? 'page' : undefined} data-view={view}>
      {t(VIEW_LABELS[view])}
    </a>
  );
}
