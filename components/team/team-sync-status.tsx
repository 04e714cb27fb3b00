import { useEffect } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/ui-messages';
import type { TeamStatus } from '../../lib/protocol/team-messages';
import { usePanelState, useSidePanelModel } from '../side-panel-model';

/**
 * One line under the panel's title while this browser is enrolled in a team: what has not reached the Team Hub
 * yet ("3 calls not yet sent"), whether the hub answers, when it last did; or, when the hub refused this
 * browser's access, what to do about it. Nothing is shown without a hub.
 */
export function TeamSyncStatus() {
  const { team } = useSidePanelModel();
  const { t, language } = usePanelState();
  useEffect(() => team.start(), [team]);
  const status = team.status.value;
  if (!status?.enrolled) return null;
  const time = (at: number) => new Date(at).toLocaleTimeString(language.value, { hour: '2-digit', minute: '2-digit' });
  return (
    <p class={`team-sync${syncTrouble(status) ? ' team-sync--trouble' : ''}`} role="status" data-testid="team-sync-status" data-hub={status.sync.hub}>
      {teamSyncLine(status, t.value, time)}
    </p>
  );
}

/** Whether the line should stand out: access refused, the hub unreachable, or items refused. */
export function syncTrouble(status: TeamStatus): boolean {
  return status.sync.stopped !== undefined || status.sync.hub === 'unreachable' || status.outbox.refused > 0;
}

/** The sync line's text (also the options page's). */
export function teamSyncLine(status: TeamStatus, tr: Translate, time: (at: number) => string): string {
  const { sync, outbox } = status;
  if (sync.stopped) return `${tr('team.status.label')}: ${tr(`team.status.${sync.stopped}`)}`;
  const parts: string[] = [];
  if (outbox.calls === 0) parts.push(tr('team.status.allSent'));
  else parts.push(outbox.calls === 1 ? tr('team.status.pendingOne') : tr('team.status.pendingMany', { count: outbox.calls }));
  if (outbox.flags > 0) parts.push(tr('team.status.flagsPending', { count: outbox.flags }));
  if (sync.hub === 'unreachable') parts.push(tr('team.status.unreachable'));
  parts.push(sync.lastSyncAt !== undefined ? tr('team.status.lastSync', { time: time(sync.lastSyncAt) }) : tr('team.status.neverSynced'));
  if (outbox.refused > 0) parts.push(tr('team.status.refused', { count: outbox.refused }));
  return `${tr('team.status.label')}: ${parts.join(' · ')}`;
}
