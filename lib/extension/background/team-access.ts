import { createHubClient, HubRequestError, type HubClient } from '../../../hub/api/client';
import type { Enrollment } from '../../team/enrollment';
import { parseTeamPolicy, TEAM_POLICY_KEYS, type TeamPolicy } from '../../team/policy';
import type { PushFailure } from '../../team/sync-policy';
import { readManagedPolicy, watchManagedPolicy } from '../shared/managed-policy';

/**
 * The background's door to the Team Hub: the administrator's team policy (read once per worker life and again
 * when it changes) and clients for the enrolled token. The token never leaves the background.
 */

/** How long the pre-dial verdict waits for the hub's counts before it judges with the last counts it kept. */
export const COUNTS_TIMEOUT_MS = 1_200;
/** How long a push or a feed read may take (batches of up to 200 items over a slow link). */
export const SYNC_TIMEOUT_MS = 15_000;

/** The team policy, cached; create during the service's synchronous set-up so the watcher comes first. */
export function createTeamPolicyReader(): { load(): Promise<TeamPolicy> } {
  let current: Promise<TeamPolicy> | undefined;
  watchManagedPolicy(() => {
    current = undefined;
  });
  return {
    load: () =>
      (current ??= readManagedPolicy(TEAM_POLICY_KEYS)
        .then((raw) => {
          const policy = parseTeamPolicy(raw);
          if (policy.ignored.length > 0) console.warn('OnScript ignored part of the team policy:', policy.ignored.join('; '));
          return policy;
        })
        .catch((error: unknown) => {
          current = undefined;
          throw error;
        })),
  };
}

/** A client of the enrolled hub with the agent's token. */
export function hubClientFor(enrollment: Enrollment, timeoutMs: number): HubClient {
  return createHubClient({ baseUrl: enrollment.hubUrl, token: enrollment.token, timeoutMs });
}

/** Any failure of a hub request, in the shape the sync policy reads. */
export function toPushFailure(error: unknown): PushFailure {
  if (error instanceof HubRequestError) {
    const failure: PushFailure = { code: error.code, status: error.status, message: error.message, details: error.details };
    if (error.retryAfterMs !== undefined) failure.retryAfterMs = error.retryAfterMs;
    return failure;
  }
  return { code: 'network', status: 0, message: error instanceof Error ? error.message : String(error), details: [] };
}
