/**
 * The worker's figures for `npm run bench` (group `worker`; `BENCH_ONLY=worker` runs it alone), each with its
 * target (issue 17, item 1):
 *
 * - size: background.js as built, against 600 KB (600,000 bytes);
 * - start: compiling and running the worker's top level in a fresh V8 isolate (a Node worker thread, the extension
 *   APIs stubbed), against a minimal worker that registers the same listeners and nothing else, alternated in the
 *   same run; the median of the per-round ratios with their spread, target <= 1.5;
 * - first verdict after a cold start: in Chromium, the worker stopped the way the browser stops an idle one, then
 *   one `compliance/evaluate` from an extension page (the wake-up, the worker's start, the holiday table it fetches
 *   and the verdict), against the same message to the warm worker. Reported, no target.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Page } from 'playwright-core';
import { percentile, round, send } from './bench-notes';
import { CHROME_BUILD_DIR, stopExtensionServiceWorker, type ExtensionBrowser } from './lib/chromium';

const START_ROUNDS = Number(process.env['BENCH_WORKER_ROUNDS'] ?? 15);
const COLD_STARTS = Number(process.env['BENCH_COLD_STARTS'] ?? 5);
const TARGET_BYTES = 600_000;
const TARGET_START_RATIO = 1.5;

/**
 * Stands in for the extension APIs: any property is a callable stub returning another (awaiting one gives nothing),
 * so the top level can register its listeners without a browser. Posts `ready` after the top level ran.
 */
const PRELUDE = `
const { parentPort } = require('node:worker_threads');
const stub = () => new Proxy(function () {}, {
  // Thenable, settling with nothing: the polyfill's promise-returning APIs answer "no value".
  get: (target, key) => (key === 'then' ? (resolve) => resolve(undefined) : key === Symbol.toPrimitive ? () => '' : stub()),
  apply: () => stub(),
});
globalThis.chrome = stub();
globalThis.browser = globalThis.chrome;
globalThis.self ??= globalThis;
globalThis.addEventListener ??= () => {};
globalThis.navigator ??= { languages: ['en'], userAgent: 'node' };
for (const name of ['indexedDB', 'IDBKeyRange', 'IDBRequest', 'IDBTransaction', 'IDBDatabase', 'IDBCursor', 'IDBObjectStore', 'IDBIndex']) globalThis[name] ??= stub();
// The top level starts work it does not wait for (opening the database, reading settings): only the top level counts.
process.on('unhandledRejection', () => {});
// What the stubbed APIs make the worker log is not a figure.
for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = () => {};
`;

/** A worker that registers the entry point's listeners and nothing else: the baseline of the start figure. */
const MINIMAL_WORKER = `
chrome.runtime.onMessage.addListener(() => {});
chrome.runtime.onConnect.addListener(() => {});
chrome.tabs.onRemoved.addListener(() => {});
`;

/** Milliseconds from creating the isolate to the end of `code`'s top level. */
function startOnce(code: string): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const worker = new Worker(`${PRELUDE}\n${code}\n;parentPort.postMessage('ready');`, { eval: true });
    worker.once('message', () => {
      const ms = performance.now() - started;
      void worker.terminate().then(() => done(ms));
    });
    worker.once('error', (error) => fail(new Error(`worker start failed: ${String(error).slice(0, 300)}`)));
  });
}

/** Start times of the built worker and the minimal one, alternated. */
export async function startFigures(backgroundJs: string) {
  // One of each first, not timed: the disk cache and Node's own start-up are warm for both.
  await startOnce(MINIMAL_WORKER);
  await startOnce(backgroundJs);
  const minimal: number[] = [];
  const full: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < START_ROUNDS; i++) {
    // Alternated, so load from other work on the machine falls on both.
    let base: number;
    let ours: number;
    if (i % 2 === 0) {
      base = await startOnce(MINIMAL_WORKER);
      ours = await startOnce(backgroundJs);
    } else {
      ours = await startOnce(backgroundJs);
      base = await startOnce(MINIMAL_WORKER);
    }
    minimal.push(base);
    full.push(ours);
    ratios.push(ours / base);
  }
  return {
    rounds: START_ROUNDS,
    minimalWorkerMs: round(percentile(minimal, 50)),
    backgroundMs: round(percentile(full, 50)),
    ratio: round(percentile(ratios, 50)),
    ratioSpread: { min: round(Math.min(...ratios)), max: round(Math.max(...ratios)) },
    targetRatio: TARGET_START_RATIO,
  };
}

/** One message's round trip from the page, in ms. */
async function timeOne(page: Page, type: string, payload: unknown): Promise<number> {
  const started = await page.evaluate(() => performance.now());
  await send(page, type, payload);
  return (await page.evaluate(() => performance.now())) - started;
}

async function coldVerdictFigures(browser: ExtensionBrowser) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  await send(page, 'calls/list-recent', { limit: 1 });
  const figure = async (phone: string) => {
    const cold: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      await stopExtensionServiceWorker(browser, page);
      cold.push(await timeOne(page, 'compliance/evaluate', { phone }));
    }
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push(await timeOne(page, 'compliance/evaluate', { phone }));
    return {
      coldStarts: COLD_STARTS,
      coldMs: round(percentile(cold, 50)),
      coldSpreadMs: { min: round(Math.min(...cold)), max: round(Math.max(...cold)) },
      warmMs: round(percentile(warm, 50)),
    };
  };
  // Ireland's rules read its generated holiday table (fetched on the first verdict); China's, the bundled calendar.
  const ireland = await figure('+35318000000');
  const china = await figure('+8613800138000');
  await page.close();
  return { ireland, china };
}

/** The worker group: size and start in Node, then the first verdict after a cold start in Chromium. */
export async function workerFigures(browser: ExtensionBrowser) {
  const file = resolve(CHROME_BUILD_DIR, 'background.js');
  const bytes = statSync(file).size;
  const code = readFileSync(file, 'utf8');
  console.error('bench: worker start against a minimal worker');
  const start = await startFigures(code);
  console.error('bench: first verdict after a cold start');
  const firstVerdict = await coldVerdictFigures(browser);
  return {
    size: { backgroundJsBytes: bytes, targetBytes: TARGET_BYTES, ratio: round(bytes / TARGET_BYTES) },
    start,
    firstVerdictAfterColdStart: firstVerdict,
  };
}
