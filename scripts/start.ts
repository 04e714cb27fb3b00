/**
 * `npm start`: builds OnScript and the demo softphone, starts a local SIP-over-WebSocket server, and opens
 * Chromium with the extension loaded and the demo dialer open. `npm start -- --headless` instead places one
 * scripted demo call end to end and prints the call record the extension saved.
 *
 * Only Node and Chromium are needed: the SIP server is Kamailio when it is installed, else a small relay in
 * Node (scripts/lib/sip-relay.ts) that is enough for two demo phones on this machine.
 *
 * Flags: `--headless` (scripted call, no window), `--relay` (use the Node relay even when Kamailio is
 * installed), `--skip-build` (use the builds as they are, even when older than the code).
 */
import { spawnSync } from 'node:child_process';
import { launchChromiumWithExtension } from './lib/chromium';
import { startDemoPages, readCallRecords } from './lib/demo-session';
import { findKamailio, startKamailio, type SipServer } from './lib/kamailio';
import { waitFor } from './lib/process-utils';
import { startSipRelay } from './lib/sip-relay';
import { DemoCustomerPage, DemoDialerPage } from '../tests/e2e/pages/demo-phone-page';
import { SidePanelPage } from '../tests/e2e/pages/side-panel-page';
import { ALWAYS_CALLABLE_NUMBER } from '../demo/demo-config';

/** The customer's number in the interactive demo: a Chinese mobile, as the default script expects. */
const CUSTOMER_NUMBER = '13800138000';
const args = new Set(process.argv.slice(2));
const headless = args.has('--headless');

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${commandArgs.join(' ')} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

async function startSipServer(): Promise<SipServer & { kind: string }> {
  if (!('error' in findKamailio()) && !args.has('--relay')) {
    return Object.assign(await startKamailio(), { kind: 'Kamailio' });
  }
  const relay = await startSipRelay();
  return { kind: 'the built-in SIP relay', wsUrl: relay.wsUrl, domain: relay.domain, log: '', stop: relay.close };
}

async function main(): Promise<void> {
  if (!headless && process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    console.error(
      'No display found (DISPLAY and WAYLAND_DISPLAY are unset), so Chromium cannot open a window here.\n' +
        'Run `npm start -- --headless` to place one scripted demo call and print the record OnScript saved,\n' +
        'or run `npm start` on a desktop session.',
    );
    process.exit(2);
  }

  if (!args.has('--skip-build')) {
    // The development build: the only one that runs on the demo's 127.0.0.1 with no step (wxt.config.ts).
    console.log('Building the extension (development build) and the demo softphone…');
    run('npx', ['wxt', 'build', '--mode', 'development']);
    run('npx', ['vite', 'build', '-c', 'demo/vite.config.ts']);
  }

  const sip = await startSipServer();
  const pages = await startDemoPages({ wsUrl: sip.wsUrl, domain: sip.domain });
  const browser = await launchChromiumWithExtension({ headless });
  const stopAll = async () => {
    await browser.close();
    await pages.close();
    await sip.stop();
  };
  console.log(`SIP server: ${sip.kind} at ${sip.wsUrl}`);

  try {
    // The scripted call dials a number whose rules only warn, so it runs at any hour (see ALWAYS_CALLABLE_NUMBER).
    const number = headless ? ALWAYS_CALLABLE_NUMBER : CUSTOMER_NUMBER;
    const customer = await new DemoCustomerPage(await browser.context.newPage()).open(pages.customerUrl(number));
    const dialer = await new DemoDialerPage(await browser.context.newPage()).open(pages.dialerUrl());

    if (!headless) {
      await dialer.page.bringToFront();
      console.log(
        `\nOnScript is loaded. In Chromium:\n` +
          `  • the demo dialer is open (${pages.origin}/dialer.html); the customer's phone (${CUSTOMER_NUMBER}) is the other tab\n` +
          `  • click the OnScript toolbar button to open the side panel, then press Call\n` +
          `Close the browser or press Ctrl+C here to stop.`,
      );
      void customer;
      await new Promise<void>((resolve) => {
        browser.context.on('close', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      await stopAll();
      return;
    }

    const panel = await SidePanelPage.openFor(browser, '/dialer.html');
    console.log(`Calling ${number} (a UK debtor: the rules there warn, never block, so this runs at any hour)…`);
    await dialer.dial(number);
    await panel.waitForPhase('Connected', 15_000);
    console.log(`Side panel: ${(await panel.callCardText()).replace(/\s+/g, ' ')}`);
    await dialer.toggleHold();
    await panel.waitForPhase('On hold');
    await dialer.toggleHold();
    await panel.waitForPhase('Connected');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await dialer.hangUp();
    await panel.waitForPhase('Ended');
    const records = await waitFor(
      async () => {
        const all = await readCallRecords(panel.page);
        return all.some((record) => record['phase'] === 'ended') ? all : undefined;
      },
      { timeoutMs: 5_000, what: 'the call record' },
    );
    console.log('\nThe call record OnScript saved in IndexedDB:');
    console.log(JSON.stringify(records, null, 2));
    await stopAll();
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
