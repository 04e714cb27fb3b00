/**
 * Joining a team: the hub's address as the agent (or the administrator's policy) gives it, the one-time code, and
 * what each way of failing is called, so the options page can say it plainly in the agent's language. Pure.
 */
import type { HubErrorCode, HubRole } from '../../hub/api/types';

/** What the background keeps after enrolling (IndexedDB, never shown to a page again). */
export interface Enrollment {
  /** The hub's base address, e.g. `https://hub.agency.example`. */
  hubUrl: string;
  /** The bearer token the code was exchanged for. */
  token: string;
  agent: string;
  team: string;
  role: HubRole;
  enrolledAt: number;
}

/** Why enrolling failed, one code per thing the agent can do something about. */
export type EnrollFailure =
  /** The address is not a web address. */
  | 'bad-url'
  /** Plain HTTP to another machine: the token would travel in clear text. */
  | 'insecure-url'
  /** The administrator's policy names another hub. */
  | 'policy-url'
  /** No code was typed (or it is far too long to be one). */
  | 'bad-code'
  /** The hub does not know the code, or it was used or has expired. */
  | 'code-invalid'
  /** No answer from the hub (address, network, hub down). */
  | 'unreachable'
  /** Too many tries from this address; wait a minute. */
  | 'rate-limited'
  /** The browser did not grant access to the hub's address. */
  | 'permission'
  /** The hub answered with another error. */
  | 'refused';

/** A hub address read from what the agent typed. */
export type ParsedHubUrl = { ok: true; baseUrl: string; origin: string } | { ok: false; problem: 'bad-url' | 'insecure-url' };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Reads a hub address: `https://` assumed when no scheme is typed; query and fragment dropped; a path kept (a hub
 * behind a proxy at `/onscript`). Plain `http://` only to this machine (a hub tried with `--embedded`): the token
 * travels with every request.
 */
export function parseHubUrl(text: string): ParsedHubUrl {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 2048) return { ok: false, problem: 'bad-url' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, problem: 'bad-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'bad-url' };
  if (url.username !== '' || url.password !== '' || url.hostname === '') return { ok: false, problem: 'bad-url' };
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return { ok: false, problem: 'insecure-url' };
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return { ok: true, baseUrl: `${url.origin}${path}`, origin: url.origin };
}

/** The code as typed, or undefined when it cannot be one (the hub ignores case, spaces and dashes). */
export function readEnrollmentCode(text: string): string | undefined {
  const code = text.trim();
  return code === '' || code.length > 64 ? undefined : code;
}

/** What a hub error means for enrolling. */
export function enrollFailureOf(code: HubErrorCode | 'network'): EnrollFailure {
  if (code === 'enrollment-invalid' || code === 'invalid-request') return 'code-invalid';
  if (code === 'network' || code === 'unavailable') return 'unreachable';
  if (code === 'rate-limited') return 'rate-limited';
  return 'refused';
}
