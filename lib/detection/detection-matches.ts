/*
 * Which granted origins the detection scripts run on. Apart from dialer-access.ts (what the user may enable), so the
 * background, which needs only this, does not bundle the public suffix list those rules read.
 */
const HOST_PATTERN = /^(https?|\*):\/\/(\*|(\*\.)?[a-z0-9.-]+)\/\*$/i;

/**
 * The granted origins detection should run on: http(s) host patterns the user enabled, without the ones the
 * manifest already declares the scripts on (`declared`: a development build's demo origins) and without catch-alls
 * (`<all_urls>`, `*://*\/*`), which OnScript never asks for.
 */
export function enabledDetectionMatches(granted: readonly string[], declared: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const pattern of granted) {
    if (declared.includes(pattern)) continue;
    const m = HOST_PATTERN.exec(pattern);
    if (!m || m[2] === '*') continue;
    out.add(pattern);
  }
  return [...out].sort();
}
