import { useEffect, useState } from 'preact/hooks';
import type { PackStatus } from '../../lib/protocol/packs-messages';
import { usePanelState, useSidePanelModel } from '../side-panel-model';

/** A change older than this is not announced any more. */
const NOTICE_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * "Script pack updated to 1.4 — what changed": shown once per change, after the call it waited for, until the
 * agent dismisses it.
 */
export function PackUpdateNotice() {
  const { packs: client } = useSidePanelModel();
  const { t, clock } = usePanelState();
  const [status, setStatus] = useState<PackStatus | undefined>(undefined);
  const [dismissedAt, setDismissedAt] = useState<number | undefined>(undefined);

  useEffect(() => {
    const refresh = () => {
      void Promise.all([client.getStatus(), client.dismissedAt()])
        .then(([next, dismissed]) => {
          setStatus(next);
          setDismissedAt(dismissed);
        })
        .catch(() => undefined);
    };
    refresh();
    return client.onChanged(refresh);
  }, [client]);

  const change = status?.channel.lastChange;
  if (!change || dismissedAt === undefined || change.at <= dismissedAt || clock.value - change.at > NOTICE_FOR_MS) return null;
  const tr = t.value;
  const diff = status?.lastChangeDiff;
  const items = (ids: string[]) => ids.join(', ');
  return (
    <section class="pack-notice" role="status" aria-labelledby="pack-notice-title" data-testid="pack-update-notice">
      <h2 id="pack-notice-title">
        {change.fromVersion
          ? tr('packs.updatedFrom', { from: change.fromVersion, version: change.toVersion })
          : tr('packs.updated', { version: change.toVersion })}
      </h2>
      {diff && (
        <details>
          <summary>{tr('packs.whatChanged')}</summary>
          <ul>
            {diff.steps.added.length > 0 && <li>{tr('packs.changes.added', { items: items(diff.steps.added) })}</li>}
            {diff.steps.removed.length > 0 && <li>{tr('packs.changes.removed', { items: items(diff.steps.removed) })}</li>}
            {diff.steps.changed.length > 0 && <li>{tr('packs.changes.changed', { items: items(diff.steps.changed) })}</li>}
            {diff.otherFields.length > 0 && <li>{tr('packs.changes.other', { items: items(diff.otherFields) })}</li>}
          </ul>
        </details>
      )}
      <button
        type="button"
        onClick={() => {
          setDismissedAt(change.at);
          void client.dismiss(change.at);
        }}
      >
        {tr('packs.dismiss')}
      </button>
    </section>
  );
}
