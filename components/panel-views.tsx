import type { ComponentChildren } from 'preact';
import type { PanelView } from './panel-state';
import { usePanelState } from './side-panel-model';

const VIEWS: readonly PanelView[] = ['call', 'day'];

/** Id of a view's tab and of its panel, for `aria-controls` / `aria-labelledby`. */
const tabId = (view: PanelView) => `panel-tab-${view}`;
const panelId = (view: PanelView) => `panel-view-${view}`;

/**
 * The switch between the call view and the agent's day: a WAI-ARIA tab list (arrow keys, Home and End move and
 * select; only the selected tab is in the Tab order).
 */
export function ViewTabs() {
  const { view, t } = usePanelState();
  const tr = t.value;
  const select = (next: PanelView, focus: boolean) => {
    view.value = next;
    if (focus) document.getElementById(tabId(next))?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = VIEWS.indexOf(view.value);
    const target =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? VIEWS[(index + 1) % VIEWS.length]
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? VIEWS[(index + VIEWS.length - 1) % VIEWS.length]
          : event.key === 'Home'
            ? VIEWS[0]
            : event.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!target) return;
    // The script's arrow keys must not also act on the call while the agent moves between tabs.
    event.preventDefault();
    event.stopPropagation();
    select(target, true);
  };
  return (
    <div class="view-tabs" role="tablist" aria-label={tr('panel.views')} onKeyDown={onKeyDown}>
      {VIEWS.map((candidate) => (
        <button
          key={candidate}
          type="button"
          role="tab"
          id={tabId(candidate)}
          class="view-tabs__tab"
          aria-selected={view.value === candidate}
          aria-controls={panelId(candidate)}
          tabIndex={view.value === candidate ? 0 : -1}
          data-testid={`view-tab-${candidate}`}
          onClick={() => select(candidate, false)}
        >
          {tr(`panel.view.${candidate}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * One view's panel. Both views stay mounted (the inactive one `hidden`), so a draft, a search or an export in
 * progress survives a switch and every feature's subscriptions keep running.
 */
export function ViewPanel({ view: own, children }: { view: PanelView; children: ComponentChildren }) {
  const { view } = usePanelState();
  return (
    <div role="tabpanel" id={panelId(own)} aria-labelledby={tabId(own)} hidden={view.value !== own} class={`view view--${own}`} data-testid={`view-${own}`}>
      {children}
    </div>
  );
}
