import { useEffect } from 'preact/hooks';
import { activeCalls } from '../lib/calls/tab-calls';
import { CallCard } from './call-card';
import { ComplianceGlance } from './compliance/compliance-glance';
import { ComplianceSection } from './compliance/compliance-section';
import { EnableDetectionHere } from './detection/enable-detection-here';
import { NotesHistory } from './notes/notes-history';
import { NotesDayView, NotesFollowUp, NotesSection } from './notes/notes-section';
import { PackUpdateNotice } from './packs/pack-update-notice';
import { ViewPanel, ViewTabs } from './panel-views';
import { SidePanelModelContext, usePanelState, useSidePanelModel, type SidePanelModel } from './side-panel-model';
import { RecentCalls } from './recent-calls';
import { ScriptExtras, ScriptSection } from './script/script-section';
import { TeamSyncStatus } from './team/team-sync-status';
import './panel.css';

/**
 * The side panel, laid out for a live call: a header that stays put (the views, the call's number, state and
 * timer, the calling rules at a glance), then in the call view the script step and the notes box on the first
 * screen, with everything else (objections, call details, the full calling rules, the number's history) below
 * them, collapsed. After the call the wrap-up takes the step's place. The day's work has a view of its own.
 * Every section reads its state from the one model the entry point built.
 */
export function SidePanelApp({ model }: { model: SidePanelModel }) {
  useEffect(() => {
    void model.panel.start();
    return () => model.panel.dispose();
  }, [model]);

  return (
    <SidePanelModelContext.Provider value={model}>
      <PanelBody />
    </SidePanelModelContext.Provider>
  );
}

function PanelBody() {
  const { language, focusPhase } = usePanelState();
  // The signal itself as the attribute, bound to it directly: a phase change does not redraw the panel.
  return (
    <main class="panel" lang={language.value} data-call-phase={focusPhase}>
      <PanelHeader />
      <TeamSyncStatus />
      <PanelError />
      <PackUpdateNotice />
      <ViewPanel view="call">
        <CallView />
      </ViewPanel>
      <ViewPanel view="day">
        <NotesDayView />
        <RecentCalls />
      </ViewPanel>
    </main>
  );
}

/** The compact header that stays at the top while the rest scrolls. */
function PanelHeader() {
  const { t, focusId } = usePanelState();
  const shown = focusId.value;
  return (
    <header class="panel__bar" data-testid="panel-bar">
      <div class="panel__bar-row">
        <h1 class="panel__title">
          <span class="panel__mark" aria-hidden="true" />
          {t.value('panel.title')}
        </h1>
        <ViewTabs />
      </div>
      {shown !== undefined && (
        <>
          <FocusedCallCard />
          <ComplianceGlance />
          <OtherLiveCalls shown={shown} />
        </>
      )}
    </header>
  );
}

/** The card of the call in focus: the one part of the panel that redraws on each change of the call. */
function FocusedCallCard() {
  const { focus } = usePanelState();
  const call = focus.value;
  return call ? <CallCard call={call} /> : null;
}

function PanelError() {
  const { error, t } = usePanelState();
  if (!error.value) return null;
  return (
    <p role="alert" class="panel__error">
      {t.value('error.background', { message: error.value })}
    </p>
  );
}

/**
 * The call view: before a call, the number check and the script preview; during and after it, the cockpit. The
 * script and notes sections keep their place (and their keys) across a call's start and end, so their state's
 * lifecycles (subscriptions, the notes autosave) are not torn down under the agent.
 */
function CallView() {
  const { focusStage, tabId, t } = usePanelState();
  // The layout changes only when a call appears or ends, not with every change of the call.
  const stage = focusStage.value;
  const call = stage !== 'none';
  const ended = stage === 'ended';
  const followed = tabId.value;
  return (
    <>
      {followed === undefined && (
        <p key="no-tab" class="muted">
          {t.value('panel.noTab')}
        </p>
      )}
      {followed !== undefined && !call && (
        <p key="no-call" class="muted panel__idle" data-testid="no-call">
          {t.value('panel.noCall')}
        </p>
      )}
      {followed !== undefined && !call && <EnableDetection key="enable" tabId={followed} />}
      {!call && <ComplianceSection key="compliance" />}
      <ScriptSection key="script" />
      {/* After the call the follow-up (promise, callback) comes right under the outcome: the wrap-up leads. */}
      {ended && <NotesFollowUp key="follow-up" />}
      {/* The notes box docks at the bottom of the first screen while a call is shown (panel.css). */}
      <NotesSection key="notes" />
      {call && !ended && <NotesFollowUp key="follow-up" />}
      {call && <ScriptExtras key="extras" />}
      {/* Once the call has ended, the number check for the next call is open again. */}
      {ended && <ComplianceSection key="compliance-next" />}
      {call && <MoreAboutCall key="more" live={!ended} />}
    </>
  );
}

/** The full calling rules (with the debtor's location) during the call, and the number's history: open on demand. */
function MoreAboutCall({ live }: { live: boolean }) {
  const { t } = usePanelState();
  const tr = t.value;
  return (
    <section class="panel__more" aria-label={tr('panel.more')}>
      {live && (
        <details class="disclosure" data-testid="more-compliance">
          <summary>{tr('compliance.details')}</summary>
          <ComplianceSection />
        </details>
      )}
      <details class="disclosure" data-testid="more-history">
        <summary>{tr('notes.history.title')}</summary>
        <NotesHistory />
      </details>
    </section>
  );
}

/** Shown with no call: where OnScript does not run, the agent can enable it for the tab's site. */
function EnableDetection({ tabId }: { tabId: number }) {
  const { t } = usePanelState();
  const { dialerAccess } = useSidePanelModel();
  return <EnableDetectionHere t={t.value} tabId={tabId} access={dialerAccess} />;
}

/** A second line (call waiting, a consult call) must not go unseen behind the call the panel shows. */
function OtherLiveCalls({ shown }: { shown: string }) {
  const { tabState, t } = usePanelState();
  const others = tabState.value ? activeCalls(tabState.value).filter((call) => call.id !== shown) : [];
  if (others.length === 0) return null;
  const tr = t.value;
  return (
    <ul class="other-calls" aria-label={tr('panel.otherCalls')} data-testid="other-calls">
      {others.map((call) => (
        <li key={call.id}>
          {tr('panel.otherCall', {
            number: call.remoteNumber || tr('call.unknownNumber'),
            direction: tr(`call.direction.${call.direction}`),
            phase: tr(`call.phase.${call.phase}`),
          })}
        </li>
      ))}
    </ul>
  );
}
