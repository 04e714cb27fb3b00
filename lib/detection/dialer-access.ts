import { compileMatchPattern, matchesAnyPattern } from './match-patterns';
import { isPublicSuffix } from './public-suffix';

/**
 * Pure rules for which dialer origins OnScript may run on: what a typed address or an administrator's policy entry
 * becomes as a host permission pattern, which policy origins still lack access, and whether the side panel should
 * offer to enable the tab it shows. No extension APIs here, so the options page, the side panel and the unit tests
 * share one set of rules.
 */

/** Most entries read from the `enabledDialerOrigins` policy; a real team lists a handful. */
export const MAX_POLICY_ORIGINS = 100;

/**
 * Turns what the user typed in "add an origin" into a host permission pattern (`https://crm.example.com/*`),
 * or `undefined` when it is not an http(s) origin or names a public suffix (`*.co.uk`, `*.github.io`,
 * `github.io`: other people's sites). Paths are dropped: permissions are per origin.
 */
export function originPatternFromInput(input: string): string | undefined {
  return originPattern(input).pattern;
}

/** {@link originPatternFromInput} with why an input was refused. */
function originPattern(input: string): { pattern?: string; why?: string } {
  const text = input.trim();
  if (text.length === 0 || text.length > 256) return { why: 'is not an http(s) origin' };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { why: 'is not an http(s) origin' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { why: 'is not an http(s) origin' };
  if (url.username || url.password) return { why: 'is not an http(s) origin' };
  // URL keeps a leading `*.` as written; what it stands over must be a site of its own, not a public suffix.
  const host = url.hostname.startsWith('*.') ? url.hostname.slice(2) : url.hostname;
  if (isPublicSuffix(host)) return { why: `names the public suffix ${host}, other people's sites` };
  // Permission patterns carry no port: Chrome matches any port for a host.
  const pattern = `${url.protocol}//${url.hostname}/*`;
  return typeof compileMatchPattern(pattern) === 'string' ? { why: 'is not an http(s) origin' } : { pattern };
}

/** The `enabledDialerOrigins` policy, read: the patterns to require and what was ignored, with why. */
export interface DialerOriginsPolicy {
  /** Host permission patterns, deduplicated, in the policy's order. */
  patterns: string[];
  /** One line per ignored entry (`entry 2: "ftp://x" is not an http(s) origin`), for a console warning. */
  ignored: string[];
}

/**
 * Reads the managed `enabledDialerOrigins` value. Entries follow the same rules as an address the agent types
 * (`https://flex.twilio.com`, `crm.example.com`, `https://*.my.connect.aws`); anything else is ignored and
 * reported rather than failing the whole policy, because one typo by an administrator must not switch
 * detection off for the team. A missing value is no policy.
 */
export function parseDialerOriginsPolicy(value: unknown): DialerOriginsPolicy {
  if (value === undefined || value === null) return { patterns: [], ignored: [] };
  if (!Array.isArray(value)) return { patterns: [], ignored: ['enabledDialerOrigins is not an array'] };
  const patterns: string[] = [];
  const ignored: string[] = [];
  value.forEach((entry: unknown, index) => {
    if (index >= MAX_POLICY_ORIGINS) {
      if (index === MAX_POLICY_ORIGINS) ignored.push(`entries after the first ${MAX_POLICY_ORIGINS}`);
      return;
    }
    const { pattern, why } = typeof entry === 'string' ? originPattern(entry) : { why: 'is not an http(s) origin' };
    if (!pattern) {
      ignored.push(`entry ${index}: ${JSON.stringify(entry)?.slice(0, 80) ?? String(entry)} ${why ?? 'is not an http(s) origin'}`);
      return;
    }
    if (!patterns.includes(pattern)) patterns.push(pattern);
  });
  return { patterns, ignored };
}

/**
 * The policy patterns not granted yet: what one "Grant access" click asks for. Compared as exact patterns, which is
 * how they were requested; a broader grant the user made by hand is asked for again rather than guessed at.
 */
export function missingPolicyPatterns(policy: readonly string[], granted: readonly string[]): string[] {
  return policy.filter((pattern) => !granted.includes(pattern));
}

/** What the side panel can say about OnScript's access to the tab it shows. */
export type TabSiteAccess =
  /** OnScript runs there (a granted or declared origin); nothing to offer. */
  | { kind: 'enabled' }
  /** The browser shows the tab's address and OnScript does not run there: one click enables it. */
  | { kind: 'known'; pattern: string }
  /** Not a web page OnScript could run on (an extension or browser page). */
  | { kind: 'not-web' }
  /** The browser hides the address (no access to the tab): the agent names the site. */
  | { kind: 'unknown' };

/**
 * Decides what the panel offers for a tab. Without the `tabs` permission the browser reveals a tab's URL only
 * where the extension has host access (or an `activeTab` grant), so a hidden URL itself means OnScript does not
 * run on that page.
 * @param url the tab's URL as the browser reported it (`undefined` when hidden)
 * @param enabled every pattern detection runs on: granted optional origins and the ones the manifest declares
 */
export function tabSiteAccess(url: string | undefined, enabled: readonly string[]): TabSiteAccess {
  if (url === undefined || url === '') return { kind: 'unknown' };
  if (!/^https?:\/\//i.test(url)) return { kind: 'not-web' };
  if (matchesAnyPattern(url, enabled)) return { kind: 'enabled' };
  const pattern = originPatternFromInput(url);
  return pattern ? { kind: 'known', pattern } : { kind: 'not-web' };
}



export { enabledDetectionMatches } from './detection-matches';
