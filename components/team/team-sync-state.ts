import { signal } from '@preact/signals';
import type { TeamClient } from '../../lib/extension/pages/team-client';
import type { TeamStatus } from '../../lib/protocol/team-messages';

/**
 * The panel's view of the team ledger's sync: the status the background last told, read once when the panel
 * opens and again whenever it says it changed (or the panel's channel comes back after the worker was stopped).
 */
export function createTeamSyncState(client: TeamClient) {
  const status = signal<TeamStatus | undefined>(undefined);

  async function refresh(): Promise<void> {
    try {
      status.value = await client.getStatus();
    } catch {
      // The background is restarting; the next change or reconnect brings the status.
    }
  }

  /** Starts following the status; returns the unsubscribe. */
  function start(): () => void {
    void refresh();
    const offChanged = client.onChanged((next) => {
      status.value = next;
    });
    const offReconnected = client.onReconnected(() => void refresh());
    return () => {
      offChanged();
      offReconnected();
    };
  }

  return { status, refresh, start };
}

/** The sync line's state type. */
export type TeamSyncState = ReturnType<typeof createTeamSyncState>;
