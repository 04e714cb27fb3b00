import type { TestProject } from 'vitest/node';
import { ensureDemoBuild, ensureDevBuild } from '../../../scripts/lib/builds';
import { findChromium } from '../../../scripts/lib/chromium';
import { findFirefox } from '../../../scripts/lib/firefox';
import { findKamailio, startKamailio } from '../../../scripts/lib/kamailio';

declare module 'vitest' {
  export interface ProvidedContext {
    sipWsUrl: string;
    sipDomain: string;
  }
}

/**
 * Checks what the suite needs, makes the builds it runs (OnScript's development builds, which alone declare the
 * demo origins, and the demo softphone; each only when older than its sources: scripts/lib/builds.ts) and starts
 * OnScript's Kamailio for it. Anything missing fails the run with what to install: nothing is skipped.
 */
export default async function setup(project: TestProject) {
  const missing: string[] = [];
  const chromium = findChromium();
  if ('error' in chromium) missing.push(chromium.error);
  const firefox = findFirefox();
  if ('error' in firefox) missing.push(firefox.error);
  const kamailio = findKamailio();
  if ('error' in kamailio) missing.push(kamailio.error);
  if (missing.length > 0) throw new Error(`The end-to-end suite cannot run:\n- ${missing.join('\n- ')}`);
  ensureDevBuild('chrome');
  ensureDevBuild('firefox');
  ensureDemoBuild();

  const server = await startKamailio();
  project.provide('sipWsUrl', server.wsUrl);
  project.provide('sipDomain', server.domain);
  return async () => {
    await server.stop();
  };
}
