/**
 * `npm test`: the whole suite, failing fast, in the order a broken change is cheapest to catch:
 * type-check, unit tests, component tests, the Team Hub's tests (real PostgreSQL), production builds for Chrome and
 * Firefox, `web-ext lint` on the Firefox build, the development builds (the production ones plus the local demo
 * origins) and the demo build, then the end-to-end suite on the development builds in headless Chromium and Firefox
 * ESR with real SIP calls through Kamailio. Before its closing line it prints what each step cost (time) and covered (count), so
 * the cost of each tier is visible; the last line is `N passed, N failed`, counting every test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reports = resolve(root, '.tmp');
mkdirSync(reports, { recursive: true });
const outDir = resolve(root, process.env['ONSCRIPT_OUT_DIR'] ?? '.output');

interface Step {
  name: string;
  command: string[];
  /** A vitest JSON report this step writes, counted in the closing line. */
  report?: string;
  /** What the step covered, read after it ran (tests, files, bytes). */
  count?: () => string;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTestSuites: number;
}

const vitestJson = (name: string) => resolve(reports, `${name}-report.json`);
const vitest = (name: string, ...args: string[]) => [
  'npx', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson(name)}`,
];

function readReport(path: string): VitestReport | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as VitestReport;
  } catch {
    // No report: the runner failed before writing one; the exit status says so.
    return undefined;
  }
}

const testCount = (path: string) => () => {
  const report = readReport(path);
  return report ? `${report.numPassedTests} passed, ${report.numFailedTests} failed` : 'no report';
};

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  } catch {
    return [];
  }
}

const buildCount = (dir: string) => () => {
  const files = filesUnder(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  return `${files.length} files, ${(bytes / 1024).toFixed(0)} KB`;
};

const sourceCount = () => {
  const files = ['lib', 'components', 'entrypoints', 'tests', 'scripts', 'demo', 'hub'].flatMap((dir) =>
    filesUnder(resolve(root, dir)).filter((file) => /\.(ts|tsx)$/.test(file)),
  );
  return `${files.length} source files`;
};

const steps: Step[] = [
  { name: 'generate WXT types', command: ['npx', 'wxt', 'prepare'] },
  { name: 'type-check', command: ['npx', 'tsc', '--noEmit'], count: sourceCount },
  {
    name: 'unit tests',
    command: vitest('unit', '--exclude', 'tests/components/**'),
    report: vitestJson('unit'),
    count: testCount(vitestJson('unit')),
  },
  {
    name: 'component tests',
    command: vitest('component', 'tests/components/'),
    report: vitestJson('component'),
    count: testCount(vitestJson('component')),
  },
  {
    name: 'Team Hub tests (PostgreSQL)',
    command: vitest('hub', '-c', 'tests/hub/vitest.config.ts'),
    report: vitestJson('hub'),
    count: testCount(vitestJson('hub')),
  },
  // npm run zip: production builds for Chrome and Firefox, their store packages and the Firefox sources archive,
  // then scripts/check-packages.ts opens each zip (manifest, icons, LICENSE, THIRD_PARTY_NOTICES.txt).
  { name: 'build and package for Chrome and Firefox (npm run zip)', command: ['npm', 'run', 'zip'], count: buildCount(resolve(outDir, 'chrome-mv3')) },
  { name: 'web-ext lint (Firefox build)', command: ['npx', 'vite-node', 'scripts/lint-firefox.ts'], count: () => '1 package' },
  {
    name: 'development builds (demo origins) for the end-to-end suite',
    command: ['sh', '-c', 'npx wxt build --mode development && npx wxt build --mode development -b firefox'],
    count: buildCount(resolve(outDir, 'chrome-mv3-dev')),
  },
  {
    name: 'build the demo softphone',
    command: ['npx', 'vite', 'build', '-c', 'demo/vite.config.ts'],
    count: buildCount(resolve(root, 'demo', 'dist')),
  },
  {
    name: 'end-to-end tests (Chromium, Firefox ESR, Kamailio)',
    command: vitest('e2e', '-c', 'tests/e2e/vitest.config.ts'),
    report: vitestJson('e2e'),
    count: testCount(vitestJson('e2e')),
  },
];

interface Done {
  name: string;
  seconds: number;
  count: string;
}

const done: Done[] = [];
let passed = 0;
let failed = 0;
const started = Date.now();

function printTable(): void {
  const width = Math.max(...done.map((step) => step.name.length));
  console.log('\nWhat each step cost:');
  for (const step of done) console.log(`  ${step.name.padEnd(width)}  ${step.seconds.toFixed(1).padStart(6)} s  ${step.count}`);
  console.log(`  ${'total'.padEnd(width)}  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`);
}

for (const step of steps) {
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const [command, ...args] = step.command;
  // A report left by an earlier run must not be counted for this one.
  if (step.report) rmSync(step.report, { force: true });
  const stepStarted = Date.now();
  const result = spawnSync(command!, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const report = step.report ? readReport(step.report) : undefined;
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  done.push({ name: step.name, seconds: (Date.now() - stepStarted) / 1000, count: step.count?.() ?? '' });
  if (result.status !== 0) {
    console.error(`\n✖ ${step.name} failed (exit ${result.status ?? result.signal}). Stopping here.`);
    printTable();
    console.log(`\n${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
}
printTable();
console.log(`\n✔ All steps passed in ${Math.round((Date.now() - started) / 1000)} s.`);
console.log(`\n${passed} passed, ${failed} failed`);
