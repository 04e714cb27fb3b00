/**
 * Settings the demo pages read from their query string, so one build serves any local SIP server and port:
 * `?ws=ws://127.0.0.1:5066&user=agent&domain=onscript.test`.
 */
export interface DemoConfig {
  wsUrl: string;
  user: string;
  domain: string;
  displayName: string;
}

export function readDemoConfig(search: string, defaults: { user: string; displayName: string }): DemoConfig {
  const params = new URLSearchParams(search);
  return {
    wsUrl: params.get('ws') ?? 'ws://127.0.0.1:5066',
    user: params.get('user') ?? defaults.user,
    domain: params.get('domain') ?? 'onscript.test',
    displayName: params.get('name') ?? defaults.displayName,
  };
}

/** A number as typed (spaces, dashes, brackets) reduced to what goes in a SIP URI. */
export function dialableNumber(typed: string): string {
  return typed.replace(/[^\d+*#]/g, '');
}

/**
 * A number scripted demo calls and most end-to-end scenes dial: a UK debtor's. The rules OnScript applies there
 * (FCA CONC 7.9.4R: "not at unreasonable times", industry hours) only warn, so a scripted call goes through at any
 * hour of the day, with nothing left for caps to count. Scenes about the guard itself pick numbers whose windows
 * are open or closed (tests/fixtures/calling-window-candidates.ts).
 */
export const ALWAYS_CALLABLE_NUMBER = '+447400123456';
