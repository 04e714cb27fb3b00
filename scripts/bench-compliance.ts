/**
 * The pre-dial verdict's figures for `npm run bench`, in real Chromium through the extension's own message
 * (extension page → background → IndexedDB and back): p50 and p95 of `compliance/evaluate` for a number in one zone
 * and for a US toll-free number (judged in every US zone), with a 60-day call log stored, each as a ratio to one
 * IndexedDB read timed in the same page and the same run.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './lib/chromium';
import { percentile, round, seed, send, timeMessages } from './bench-notes';

const DAY = 86_400_000;
const RUNS = 200;

/** One IndexedDB `get` by key from the page, timed `runs` times (the baseline a verdict is compared with). */
function timeIndexedDbGets(page: Page, runs: number): Promise<number[]> {
  return page.evaluate(
    (runs) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('onscript');
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            const started = performance.now();
            await new Promise<void>((done, fail) => {
              const request = db.transaction('calls').objectStore('calls').get(`log-${i * 7}`);
              request.onsuccess = () => done();
              request.onerror = () => fail(request.error);
            });
            times.push(performance.now() - started);
          }
          db.close();
          resolve(times);
        };
      }),
    runs,
  );
}

/** The compliance group of the bench. */
export async function complianceFigures(browser: ExtensionBrowser) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  // The background opens (and upgrades) the database first.
  await send(page, 'calls/list-recent', { limit: 1 });
  const now = Date.now();
  console.error('bench: seeding a 60-day call log (6,000 calls)');
  await seed(page, { prefix: 'log', count: 6_000, startMs: now - 60 * DAY, spanMs: 60 * DAY, now, todayFollowUps: 0 });
  const figure = async (phone: string) => {
    await timeMessages(page, 'compliance/evaluate', Array.from({ length: 10 }, () => ({ phone })));
    const times = await timeMessages(page, 'compliance/evaluate', Array.from({ length: RUNS }, () => ({ phone })));
    return { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
  };
  console.error('bench: pre-dial verdicts');
  const oneZone = await figure('+8613800138000');
  const allUsZones = await figure('+18005550100');
  const reads = await timeIndexedDbGets(page, RUNS);
  const read = { p50Ms: round(percentile(reads, 50), 3), p95Ms: round(percentile(reads, 95), 3) };
  await page.close();
  return {
    logDays: 60,
    logCalls: 6_000,
    oneIndexedDbRead: read,
    verdictOneZone: { ...oneZone, p50Ratio: round(oneZone.p50Ms / read.p50Ms, 1), p95Ratio: round(oneZone.p95Ms / read.p95Ms, 1) },
    verdictAllUsZones: { ...allUsZones, p50Ratio: round(allUsZones.p50Ms / read.p50Ms, 1), p95Ratio: round(allUsZones.p95Ms / read.p95Ms, 1) },
  };
}
