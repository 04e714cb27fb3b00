import { parse } from 'tldts';

/**
 * Whether `host` is a public suffix: a name under which unrelated parties register their own sites (`com`, `co.uk`,
 * `com.cn`, `github.io`, `awsapps.com`, …), from the Public Suffix List that `tldts` ships (ICANN and private
 * sections). `*.github.io` would be every GitHub Pages site, so no dialer origin may be one or sit under one.
 * Names no rule of the list names (an intranet `pbx`, `localhost`) and IP addresses are not.
 */
export function isPublicSuffix(host: string): boolean {
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp) return false;
  return parsed.domain === null && (parsed.isIcann === true || parsed.isPrivate === true);
}
