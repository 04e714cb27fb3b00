import { formatDuration } from '../lib/time/format-duration';
import { usePanelState } from './side-panel-model';

/** The last few recorded calls, newest first. */
export function RecentCalls() {
  const { recentCalls, t } = usePanelState();
  const tr = t.value;
  return (
    <section class="recent-calls" aria-labelledby="recent-calls-title">
      <h2 id="recent-calls-title">{tr('panel.recentCalls')}</h2>
      {recentCalls.value.length === 0 ? (
        <p class="muted">{tr('panel.noRecentCalls')}</p>
      ) : (
        <ul>
          {recentCalls.value.map((record) => (
            <li key={record.id} data-testid="recent-call">
              <span class="recent-calls__number">{record.remoteNumber || tr('call.unknownNumber')}</span>{' '}
              <span class="muted">
                {tr(`call.direction.${record.direction}`)} · {tr(`call.phase.${record.phase}`)}
                {record.connectedAt !== undefined && record.endedAt !== undefined
                  ? ` · ${formatDuration(record.endedAt - record.connectedAt)}`
                  : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
