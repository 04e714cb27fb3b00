/**
 * Origin and URL match patterns, close to the browser extension match-pattern syntax:
 * `<scheme>://<host>[:<port>][<path>]`.
 *
 * - scheme: `http`, `https`, `ws`, `wss`, or `*` (http or https);
 * - host: a name, `*` (any host), `*.example.com` (example.com and every subdomain), or a name with one
 *   inner `*` label such as `apps.*.pure.cloud` (exactly one label). The last label is never a wildcard,
 *   so `apps.mypurecloud.*` cannot match a look-alike domain someone else registered;
 * - port: omitted = any port (as browsers do), a number, or `*`;
 * - path: omitted = any path (used for origin-only patterns); otherwise a glob where `*` matches any run
 *   of characters, compared against pathname plus query.
 */

/** A compiled pattern. */
export interface MatchPattern {
  /** The pattern as written. */
  source: string;
  /** Whether a URL or origin string matches. Unparseable input never matches. */
  matches(urlOrOrigin: string): boolean;
}

/** Longest pattern accepted; real ones are far shorter. */
export const MAX_PATTERN_LENGTH = 256;

const PATTERN_SYNTAX = /^(\*|https?|wss?):\/\/([^/:]+)(?::(\*|\d{1,5}))?(\/.*)?$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Compiles a pattern, or returns an error message saying what is wrong with it.
 * @param pattern e.g. `https://*.my.connect.aws`, `http://127.0.0.1/*`
 */
export function compileMatchPattern(pattern: string): MatchPattern | string {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  const m = PATTERN_SYNTAX.exec(pattern);
  if (!m) return 'expected <scheme>://<host>[:port][/path]';
  const scheme = m[1]!;
  const host = m[2]!.toLowerCase();
  const port = m[3];
  const path = m[4];

  const hostMatcher = compileHost(host);
  if (typeof hostMatcher === 'string') return hostMatcher;
  if (port !== undefined && port !== '*' && Number(port) > 65535) return 'port out of range';
  const pathRegex = path === undefined ? undefined : globToRegex(path);

  return {
    source: pattern,
    matches(urlOrOrigin: string): boolean {
      if (typeof urlOrOrigin !== 'string' || urlOrOrigin.length > 4096) return false;
      let url: URL;
      try {
        url = new URL(urlOrOrigin);
      } catch {
        return false;
      }
      const urlScheme = url.protocol.slice(0, -1);
      if (scheme === '*' ? urlScheme !== 'http' && urlScheme !== 'https' : urlScheme !== scheme) return false;
      if (!hostMatcher(url.hostname.toLowerCase())) return false;
      if (port !== undefined && port !== '*' && effectivePort(url) !== Number(port)) return false;
      if (pathRegex && !pathRegex.test(url.pathname + url.search)) return false;
      return true;
    },
  };
}

/** Whether `urlOrOrigin` matches any of `patterns` (strings are compiled on the fly; invalid ones never match). */
export function matchesAnyPattern(urlOrOrigin: string, patterns: readonly (string | MatchPattern)[]): boolean {
  for (const p of patterns) {
    const compiled = typeof p === 'string' ? compileMatchPattern(p) : p;
    if (typeof compiled !== 'string' && compiled.matches(urlOrOrigin)) return true;
  }
  return false;
}

function compileHost(host: string): ((hostname: string) => boolean) | string {
  if (host === '*') return () => true;
  const labels = host.split('.');
  if (labels.some((l) => l.length === 0)) return 'empty host label';
  const last = labels[labels.length - 1]!;
  if (last === '*') return 'the last host label cannot be a wildcard';
  if (labels[0] === '*') {
    const rest = labels.slice(1);
    if (rest.length < 2) return 'a leading wildcard needs at least two labels after it';
    if (rest.some((l) => !HOST_LABEL.test(l))) return 'invalid host label';
    const suffix = rest.join('.');
    return (h) => h === suffix || h.endsWith(`.${suffix}`);
  }
  const wildcards = labels.filter((l) => l === '*').length;
  if (wildcards > 1) return 'at most one inner wildcard label';
  if (labels.some((l) => l !== '*' && !HOST_LABEL.test(l))) return 'invalid host label';
  if (wildcards === 0) {
    if (IPV4.test(host) && host.split('.').some((o) => Number(o) > 255)) return 'invalid IPv4 address';
    return (h) => h === host;
  }
  const at = labels.indexOf('*');
  return (h) => {
    const parts = h.split('.');
    if (parts.length !== labels.length) return false;
    return parts.every((p, i) => (i === at ? HOST_LABEL.test(p) : p === labels[i]));
  };
}

function globToRegex(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
}
