import type { LiveCall } from '../lib/calls/types';
import { callElapsedMs, formatDuration } from '../lib/time/format-duration';
import { usePanelState } from './side-panel-model';

/**
 * The call the panel follows, in one or two lines: number, state and a timer derived from the stored timestamps.
 * The labels are there for assistive tech; the eye reads the layout. The state carries a symbol (from the
 * stylesheet) as well as a colour.
 */
export function CallCard({ call }: { call: LiveCall }) {
  const { t, clock } = usePanelState();
  const tr = t.value;
  const phaseLabel = tr(`call.phase.${call.phase}`);
  const ending =
    call.phase === 'ended' && call.endReason
      ? call.endReason === 'hangup' && call.endedBy
        ? tr(`call.endedBy.${call.endedBy}`)
        : tr(`call.endReason.${call.endReason}`)
      : undefined;
  const elapsed = formatDuration(callElapsedMs(call, clock.value));

  return (
    <section class="call-card" aria-labelledby="call-card-title" data-phase={call.phase}>
      <h2 id="call-card-title" class="visually-hidden">
        {tr('call.card')}
      </h2>
      <dl class="call-card__facts">
        <div class="call-card__fact call-card__fact--number">
          <dt class="visually-hidden">{tr('call.number')}</dt>
          <dd class="call-card__number" data-testid="call-number">
            {call.remoteNumber || tr('call.unknownNumber')}
          </dd>
        </div>
        <div class="call-card__fact call-card__fact--timer">
          <dt class="visually-hidden">{tr('call.duration')}</dt>
          <dd>
            <span role="timer" aria-live="off" data-testid="call-timer" class="call-card__timer">
              {elapsed}
            </span>
          </dd>
        </div>
        <div class="call-card__fact call-card__fact--state">
          <dt class="visually-hidden">{tr('call.state')}</dt>
          <dd>
            <span class={`call-card__phase call-card__phase--${call.phase}`} role="status" data-testid="call-phase">
              {phaseLabel}
            </span>{' '}
            <span class="call-card__direction">{tr(`call.direction.${call.direction}`)}</span>
            {ending && <span class="call-card__ending"> · {ending}</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}
