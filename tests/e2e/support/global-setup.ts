import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROME_BUILD_DIR, findChromium } from '../../../scripts/lib/chromium';
import { DEMO_DIST_DIR } from '../../../scripts/lib/demo-session';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../../scripts/lib/firefox';
import { findKamailio, startKamailio } from '../../../scripts/lib/kamailio';

declare module 'vitest' {
  export interface ProvidedContext {
    sipWsUrl: string;
    sipDomain: string;
  }
}

/**
 * Checks what the suite needs and starts OnScript's Kamailio for it. Anything missing fails the run with what
 * to install: nothing is skipped.
 */
export default async function setup(project: TestProject) {
  const missing: string[] = [];
  const chromium = findChromium();
  if ('error' in chromium) missing.push(chromium.error);
  const firefox = findFirefox();
  if ('error' in firefox) missing.push(firefox.error);
  const kamailio = findKamailio();
  if ('error' in kamailio) missing.push(kamailio.error);
  if (!existsSync(resolve(CHROME_BUILD_DIR, 'manifest.json'))) missing.push('No Chrome build: run `npm run build` first.');
  if (!existsSync(resolve(FIREFOX_BUILD_DIR, 'manifest.json'))) missing.push('No Firefox build: run `npm run build:firefox` first.');
  if (!existsSync(resolve(DEMO_DIST_DIR, 'dialer.html'))) missing.push('No demo build: run `npm run build:demo` first.');
  if (missing.length > 0) throw new Error(`The end-to-end suite cannot run:\n- ${missing.join('\n- ')}`);

  const server = await startKamailio();
  project.provide('sipWsUrl', server.wsUrl);
  project.provide('sipDomain', server.domain);
  return async () => {
    await server.stop();
  };
}
