/**
 * `npm test`: the whole suite, failing fast, in the order a broken change is cheapest to catch:
 * type-check, unit tests, production builds for Chrome and Firefox, `web-ext lint` on the Firefox build,
 * the demo build, then the end-to-end suite in headless Chromium with real SIP calls through Kamailio.
 * Ends with one line, `N passed, N failed`, counting every unit and end-to-end test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reports = resolve(root, '.tmp');
mkdirSync(reports, { recursive: true });

interface Step {
  name: string;
  command: string[];
  /** A vitest JSON report this step writes, counted in the closing line. */
  report?: string;
}

const unitReport = resolve(reports, 'unit-report.json');
const e2eReport = resolve(reports, 'e2e-report.json');
const steps: Step[] = [
  { name: 'generate WXT types', command: ['npx', 'wxt', 'prepare'] },
  { name: 'type-check', command: ['npx', 'tsc', '--noEmit'] },
  {
    name: 'unit tests',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`],
    report: unitReport,
  },
  { name: 'build for Chrome', command: ['npx', 'wxt', 'build'] },
  { name: 'build for Firefox', command: ['npx', 'wxt', 'build', '-b', 'firefox'] },
  { name: 'web-ext lint (Firefox build)', command: ['npx', 'vite-node', 'scripts/lint-firefox.ts'] },
  { name: 'build the demo softphone', command: ['npx', 'vite', 'build', '-c', 'demo/vite.config.ts'] },
  {
    name: 'end-to-end tests (Chromium, Kamailio)',
    command: [
      'npx', 'vitest', 'run', '-c', 'tests/e2e/vitest.config.ts',
      '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`,
    ],
    report: e2eReport,
  },
];

let passed = 0;
let failed = 0;
const started = Date.now();
for (const step of steps) {
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const [command, ...args] = step.command;
  const result = spawnSync(command!, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (step.report) {
    try {
      const report = JSON.parse(readFileSync(step.report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
      passed += report.numPassedTests;
      failed += report.numFailedTests;
    } catch {
      // No report: the runner failed before writing one; the exit status below says so.
    }
  }
  if (result.status !== 0) {
    console.error(`\n✖ ${step.name} failed (exit ${result.status ?? result.signal}). Stopping here.`);
    console.log(`\n${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
}
console.log(`\n✔ All steps passed in ${Math.round((Date.now() - started) / 1000)} s.`);
console.log(`\n${passed} passed, ${failed} failed`);
