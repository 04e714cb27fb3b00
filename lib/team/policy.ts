/**
 * The administrator's part in the team ledger (managed storage, public/managed-schema.json): the hub's address
 * every agent of the agency uses (each still enrolls with a personal code), and what a verdict does when the hub
 * cannot be asked. Read and checked here; a malformed value is reported and ignored, never guessed at.
 */
import { parseHubUrl } from './enrollment';
import type { HubUnreachablePolicy } from './merge';

/** The managed keys read. */
export const TEAM_POLICY_KEYS = ['hubUrl', 'hubUnreachable'] as const;

/** The team policy, with one line per value that was ignored. */
export interface TeamPolicy {
  /** The hub's base address when the administrator fixes it. */
  hubUrl?: string;
  /** `warn` (the default): the verdict says the team counts are missing and the guard warns; `block`: it blocks. */
  onHubUnreachable: HubUnreachablePolicy;
  ignored: string[];
}

/** Reads the managed values (any shape). */
export function parseTeamPolicy(raw: Readonly<Record<string, unknown>>): TeamPolicy {
  const policy: TeamPolicy = { onHubUnreachable: 'warn', ignored: [] };
  const hubUrl = raw['hubUrl'];
  if (hubUrl !== undefined) {
    const parsed = typeof hubUrl === 'string' ? parseHubUrl(hubUrl) : undefined;
    if (parsed?.ok) policy.hubUrl = parsed.baseUrl;
    else policy.ignored.push(`hubUrl: ${JSON.stringify(hubUrl)} is not an https:// address`);
  }
  const unreachable = raw['hubUnreachable'];
  if (unreachable === 'block' || unreachable === 'warn') policy.onHubUnreachable = unreachable;
  else if (unreachable !== undefined) policy.ignored.push(`hubUnreachable: ${JSON.stringify(unreachable)} is neither "warn" nor "block"`);
  return policy;
}
