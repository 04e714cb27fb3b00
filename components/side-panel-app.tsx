import { useEffect } from 'preact/hooks';
import { activeCalls } from '../lib/calls/tab-calls';
import { CallCard } from './call-card';
import { ComplianceSection } from './compliance/compliance-section';
import { EnableDetectionHere } from './detection/enable-detection-here';
import { NotesSection } from './notes/notes-section';
import { PackUpdateNotice } from './packs/pack-update-notice';
import { SidePanelModelContext, usePanelState, useSidePanelModel, type SidePanelModel } from './side-panel-model';
import { RecentCalls } from './recent-calls';
import { ScriptSection } from './script/script-section';
import { TeamSyncStatus } from './team/team-sync-status';

/**
 * The side panel, top to bottom in the order an agent on a call needs it: the live call, then each feature's
 * section, then recent calls. Every section reads its state from the one model the entry point built.
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
  const { language } = usePanelState();
  return (
    <main class="panel" lang={language.value}>
      <PanelHeader />
      <TeamSyncStatus />
      <PanelError />
      <PackUpdateNotice />
      <CurrentCall />
      {/* Feature sections, in this order: compliance countdown, call script, notes. */}
      <ComplianceSection />
      <ScriptSection />
      <NotesSection />
      <RecentCalls />
    </main>
  );
}

function PanelHeader() {
  const { t } = usePanelState();
  return <h1 class="panel__title">{t.value('panel.title')}</h1>;
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

function CurrentCall() {
  const { focus, tabId, t } = usePanelState();
  if (tabId.value === undefined) return <p class="muted">{t.value('panel.noTab')}</p>;
  const call = focus.value;
  if (!call) {
    return (
      <>
        <p class="muted" data-testid="no-call">{t.value('panel.noCall')}</p>
        <EnableDetection tabId={tabId.value} />
      </>
    );
  }
  return (
    <>
      <CallCard call={call} />
      <OtherLiveCalls shown={call.id} />
    </>
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
