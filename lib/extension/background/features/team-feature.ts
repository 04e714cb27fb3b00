import type { LoggedCall } from '../../../compliance/assessment';
import { TEAM_MESSAGES } from '../../../protocol/team-messages';
import { attemptOfCall } from '../../../team/hub-records';
import { attemptMade, callChanged, type OutboxRequest } from '../../../team/outbox';
import { defaultRegionSetting } from '../../shared/settings';
import { cachedSetting } from '../cached-setting';
import { defineBackgroundFeature, type BackgroundContext, type BackgroundFeature, type CallChange, type CallContribution } from '../feature';
import { createTeamPolicyReader } from '../team-access';
import { createTeamSync } from '../team-sync';

/**
 * The team ledger: enrolling with the Team Hub (a one-time code for a token the background keeps), every call
 * change queued in the outbox in the call's own transaction (the record, and its attempt when the call ends), the
 * outbox pushed in batches on an alarm with back-off, the team's flag feed read into the do-not-call store, and
 * the sync state told to the panels. The pre-dial side (team counts in the verdict) is team-ledger.ts, used by the
 * compliance feature. Nothing is queued or sent while the browser is not enrolled.
 */
export const teamFeature = defineBackgroundFeature({
  id: 'team',
  messages: TEAM_MESSAGES,
  create: createTeamFeature,
});

function createTeamFeature(context: BackgroundContext): BackgroundFeature {
  const region = cachedSetting(defaultRegionSetting);
  const sync = createTeamSync(context, { policy: createTeamPolicyReader().load, region });

  return {
    start: () => sync.start(),
    handlers: {
      'team/get-status': async () => sync.status(),
      'team/enroll': async ({ hubUrl, code }) => sync.enroll(hubUrl, code),
      'team/leave': async () => sync.leave(),
      'team/sync-now': async () => {
        await sync.run({ force: true });
        return sync.status();
      },
    },
    async onCallChange({ call, previous }: CallChange): Promise<CallContribution> {
      const defaultRegion = await region();
      const ended = call.phase === 'ended' && previous?.phase !== 'ended';
      return {
        outbox: (record) => {
          const rows: OutboxRequest[] = [callChanged(record.id)];
          // The attempt once, when the call ends: it is what the team's caps count.
          const attempt = ended ? attemptOfCall(record as LoggedCall, defaultRegion) : undefined;
          if (attempt) rows.push(attemptMade(record, attempt));
          return rows;
        },
      };
    },
    async afterCallChange({ call, previous }: CallChange) {
      // An ended call has something for the team now; other changes ride on the next run.
      if (call.phase === 'ended' && previous?.phase !== 'ended') sync.kick();
    },
  };
}
