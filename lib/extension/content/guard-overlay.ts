import { OVERRIDE_TTL_MS, mayDismiss, type BlockOutcome, type GuardVerdict } from '../../compliance/pre-dial';
import { formatLocalDateTime } from '../../time/locale-format';
import type { complianceCatalog } from '../../i18n/catalogs/compliance';
import type { CatalogTranslate } from '../../i18n/catalogs/define-catalog';
import type { UiLanguage } from '../../i18n/language';

/** The guard's strings: the compliance catalog only (the full UI translator fits too). */
export type GuardTranslate = CatalogTranslate<ComplianceKey>;
type ComplianceKey = keyof (typeof complianceCatalog)['en'];

/** What the overlay needs from its host. */
export interface GuardOverlayOptions {
  document: Document;
  verdict: GuardVerdict & { action: 'warn' | 'block' };
  t: GuardTranslate;
  language: UiLanguage;
  /**
   * For a block, what the guard already did: ended the attempt itself (`cancelled`), found no hang-up control
   * (`no-control`), or came too late (`answered`). Ignored for a warning.
   */
  outcome?: BlockOutcome;
  /** Finds the dialer's hang-up control at the moment the agent asks (it may appear late or be re-rendered). */
  findHangUp(): HTMLElement | null;
  /** Records an override with its reason; resolves whether it was recorded. */
  override(reason: string): Promise<boolean>;
}

/** The open overlay. */
export interface GuardOverlay {
  /** Tells the overlay the call ended (by the dialer, the debtor or the button). */
  callEnded(): void;
  remove(): void;
}

// The host's own rules are !important: inside a shadow tree those win over the page's, even its !important ones
// and its inline styles, so a page stylesheet cannot hide the guard, shrink it or let clicks through it.
const STYLE = `
:host { all: initial !important; display: block !important; position: static !important; visibility: visible !important;
  opacity: 1 !important; pointer-events: auto !important; contain: none !important; transform: none !important; }
.guard { position: fixed; top: 12px; right: 12px; z-index: 2147483647; box-sizing: border-box;
  width: min(360px, calc(100vw - 24px)); max-height: calc(100vh - 24px); overflow: auto;
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif;
  color: #1b1f24; background: #fff; border: 3px solid #b3261e; border-radius: 10px; padding: 12px 14px;
  box-shadow: 0 8px 28px rgba(0,0,0,.35); }
.guard[data-action="warn"] { border-color: #8a5300; }
h2 { font-size: 16px; margin: 0 0 6px; color: #b3261e; }
.guard[data-action="warn"] h2 { color: #8a5300; }
p { margin: 6px 0; }
ul { margin: 4px 0 8px; padding-left: 18px; }
li > ul { margin: 2px 0; }
.reason { color: #5b6570; font-size: 12px; }
label { display: grid; gap: 4px; margin-top: 8px; }
input { font: inherit; padding: 6px 8px; border: 1px solid #5b6570; border-radius: 6px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
button { font: inherit; padding: 6px 10px; border-radius: 6px; border: 1px solid #5b6570; background: #f3f5f8; color: #1b1f24; cursor: pointer; }
button.end { background: #b3261e; border-color: #b3261e; color: #fff; font-weight: 600; }
button:focus-visible, input:focus-visible { outline: 2px solid #0b5fff; outline-offset: 2px; }
.status, .done { font-weight: 600; }
.done { color: #b3261e; }
`;

/** Times a second the guard puts itself back at once: a page removing it in a loop must not hang the tab. */
const REATTACH_BURST = 5;
/** How long it waits before it comes back once the page has used those up. */
const REATTACH_PAUSE_MS = 1_000;

/**
 * Shows the guard over the dialer page in a closed shadow root: the page's styles and scripts cannot reach into
 * it, and it sits in a corner so the dialer's own controls stay usable. All page and verdict text goes in as
 * text nodes, never as markup. The page is someone else's, possibly hostile: the guard says only what the agent
 * needs here (blocked or warned, until when, the class of each broken rule; never counts, flags, debtor or profile
 * details, which the side panel shows), puts itself back when the page removes or moves it, and drops attributes
 * the page sets on it.
 */
export function showGuardOverlay(options: GuardOverlayOptions): GuardOverlay {
  const { document: doc, verdict, t, language } = options;
  const host = doc.createElement('onscript-guard');
  const root = host.attachShadow({ mode: 'closed' });
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  const style = el('style', STYLE);
  const panel = el('section', undefined, 'guard');
  panel.dataset['action'] = verdict.action;
  panel.setAttribute('role', 'alertdialog');
  panel.setAttribute('aria-modal', 'false');
  panel.setAttribute('aria-labelledby', 'onscript-guard-title');
  panel.setAttribute('aria-describedby', 'onscript-guard-summary');
  const title = el('h2', t('compliance.guard.title'));
  title.id = 'onscript-guard-title';
  const summary = el('p', t(verdict.action === 'block' ? 'compliance.guard.blocked' : 'compliance.guard.warned'));
  summary.id = 'onscript-guard-summary';

  // The class of each broken rule only: its reasons name counts, flags and debtors, and stay in the side panel.
  const list = el('ul');
  for (const code of new Set(verdict.violations.map((violation) => violation.code))) {
    const item = el('li', t(`compliance.guard.code.${code}` as ComplianceKey));
    item.dataset['code'] = code;
    list.append(item);
  }
  panel.append(title, summary, list);
  const zone = verdict.timeZones[0];
  if (verdict.opensAt !== undefined && zone) {
    panel.append(el('p', t('compliance.guard.opensAt', { when: formatLocalDateTime(verdict.opensAt, zone, language), zone })));
  }
  panel.append(el('p', t('compliance.guard.seePanel'), 'reason'));
  const outcome = verdict.action === 'block' ? (options.outcome ?? 'answered') : undefined;
  const cancelled = outcome === 'cancelled';
  const labels = verdict.violations.map((violation) => t(`compliance.guard.code.${violation.code}` as ComplianceKey));
  const what = el(
    'p',
    outcome === 'cancelled'
      ? t('compliance.guard.cancelled', { why: labels.join(language === 'zh-CN' ? '；' : '; ') })
      : outcome === 'no-control'
        ? t('compliance.guard.noControl')
        : outcome === 'answered'
          ? t('compliance.guard.cannotCancel')
          : t('compliance.guard.warnOnly'),
    cancelled ? 'done' : undefined,
  );
  what.dataset['outcome'] = outcome ?? 'warned';
  panel.append(what);

  const status = el('p', '', 'status');
  status.setAttribute('role', 'status');
  const endButton = el('button', t('compliance.guard.endCall'), 'end');
  endButton.type = 'button';
  const reasonLabel = el('label', t('compliance.guard.overrideReason'));
  const reasonInput = el('input');
  reasonInput.name = 'reason';
  reasonInput.maxLength = 500;
  reasonInput.autocomplete = 'off';
  reasonLabel.append(reasonInput);
  const overrideButton = el('button', t('compliance.guard.override'));
  overrideButton.type = 'button';
  const closeButton = el('button', t('compliance.guard.close'));
  closeButton.type = 'button';
  const actions = el('div', undefined, 'actions');
  actions.append(endButton, overrideButton, closeButton);
  panel.append(reasonLabel, actions, status);
  root.append(style, panel);

  const state = { ended: false, overridden: false };
  const sync = () => {
    closeButton.hidden = !mayDismiss(verdict.action, state);
    // After OnScript ended the attempt itself there is nothing left for the agent to end.
    endButton.hidden = state.ended || cancelled;
    // A blocked number stays blocked after the call ends, so the agent may still give a reason to call anyway
    // (it lets the redial through); a warning blocks nothing, so its override only matters during the call.
    const overridable = !state.overridden && (verdict.action === 'block' || !state.ended);
    overrideButton.hidden = !overridable;
    reasonLabel.hidden = !overridable;
  };
  sync();

  endButton.addEventListener('click', () => {
    const control = options.findHangUp();
    if (!control) {
      status.textContent = t('compliance.guard.endCallMissing');
      return;
    }
    // Said before the click: the dialer may end the call synchronously, and then "the call has ended" wins.
    status.textContent = t('compliance.guard.endRequested');
    control.click();
  });
  overrideButton.addEventListener('click', () => {
    const reason = reasonInput.value.trim();
    if (reason === '') {
      status.textContent = t('compliance.guard.overrideNeedsReason');
      reasonInput.focus();
      return;
    }
    overrideButton.disabled = true;
    void options.override(reason).then(
      (recorded) => {
        overrideButton.disabled = false;
        state.overridden = recorded;
        status.textContent = !recorded
          ? t('compliance.guard.overrideFailed')
          : verdict.action === 'block'
            ? t('compliance.guard.redialAllowed', { minutes: Math.round(OVERRIDE_TTL_MS / 60_000) })
            : t('compliance.guard.overrideRecorded');
        sync();
        // The override button just disappeared; keep the keyboard in the guard, on the next useful action.
        if (recorded) (endButton.hidden ? closeButton : endButton).focus();
      },
      () => {
        overrideButton.disabled = false;
        status.textContent = t('compliance.guard.overrideFailed');
      },
    );
  });
  const parent = doc.body ?? doc.documentElement;
  let removed = false;
  /** When the guard last put itself back at once, for {@link REATTACH_BURST}. */
  let answered: number[] = [];
  let pause: ReturnType<typeof setTimeout> | undefined;
  /** The control the agent was on: a page taking the guard out of the document must not lose the agent's place. */
  let focused: HTMLElement | null = null;
  panel.addEventListener('focusin', (event) => (focused = event.target as HTMLElement));
  panel.addEventListener('focusout', (event) => {
    // Focus moved to something else on purpose (the dialer); `relatedTarget` is null when the guard was taken away.
    if ((event as FocusEvent).relatedTarget !== null) focused = null;
  });
  const putBack = () => {
    pause = undefined;
    if (removed) return;
    for (const name of host.getAttributeNames()) host.removeAttribute(name);
    if (host.parentNode !== parent || parent.lastChild !== host) parent.append(host);
    const active = doc.activeElement;
    if (focused && (active === null || active === doc.body || active === doc.documentElement)) focused.focus();
  };
  // The page removing the guard, moving it, or setting `hidden`, `inert` or a style on it: undone. A page that keeps
  // doing it gets a few immediate answers, then one a second, so neither side can spin the other forever.
  const watch = new MutationObserver(() => {
    if (removed || pause !== undefined) return;
    const displaced = host.parentNode !== parent || host.getAttributeNames().length > 0;
    if (!displaced) return;
    const now = Date.now();
    answered = answered.filter((at) => at > now - REATTACH_PAUSE_MS);
    if (answered.length < REATTACH_BURST) {
      answered.push(now);
      putBack();
      return;
    }
    pause = setTimeout(putBack, REATTACH_PAUSE_MS);
  });
  const observeAll = () => {
    watch.observe(parent, { childList: true });
    watch.observe(host, { attributes: true });
    if (doc.documentElement !== parent) watch.observe(doc.documentElement, { childList: true });
  };
  const remove = () => {
    removed = true;
    watch.disconnect();
    if (pause !== undefined) clearTimeout(pause);
    host.remove();
  };
  closeButton.addEventListener('click', remove);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && mayDismiss(verdict.action, state)) remove();
  });

  parent.append(host);
  observeAll();
  // A block takes the agent's attention; a warning must not steal the keyboard from the dialer. When OnScript
  // already ended the attempt, the one thing left to decide is whether to call anyway (Escape closes).
  if (verdict.action === 'block') (cancelled ? reasonInput : endButton).focus();

  return {
    callEnded() {
      state.ended = true;
      status.textContent = t('compliance.guard.callEnded');
      sync();
    },
    remove,
  };
}
