import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { generateKeyPair, signPack, type ScriptPack } from '../../lib/packs';
import { cnCardLoanPack } from '../../lib/packs/defaults';
import { mapTexts } from '../lib/packs/fixtures';
import { ScriptPanel } from './pages/script-panel';
import { CUSTOMER_NUMBER, openDemoCallFixture, type DemoCallFixture } from './support/demo-call-fixture';

/** A lead's pack server on 127.0.0.1: serves whatever body the test sets, with an ETag. */
function packServer() {
  let body = '';
  let etag = '';
  let requests = 0;
  const route = (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    if (etag && req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  };
  return {
    route,
    publish(next: string) {
      body = next;
      etag = `"${next.length}-${requests}"`;
    },
  };
}

const version = (v: string, edit?: (pack: ScriptPack) => void): ScriptPack => {
  const pack = JSON.parse(JSON.stringify(cnCardLoanPack)) as ScriptPack;
  pack.version = v;
  // A team pack's profile is a rule layer on every call since routing by jurisdiction: written for the UK debtor
  // the scenes dial (whose rules only warn), so the scene holds at any hour, as CN-CBA-2026 would not at UK night.
  pack.compliance = { ...pack.compliance, profileId: 'UK-FCA' };
  edit?.(pack);
  return pack;
};

/** Waits until the locator shows the text (the assertion: it throws with a timeout otherwise). */
async function waitForText(locator: Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

async function statusText(options: Page): Promise<string> {
  await options.reload();
  return options.getByTestId('packs-status').innerText();
}

/** Subscribes from the options page and waits until `version` is active. */
async function subscribe(options: Page, url: string, publicKey: unknown, version: string): Promise<void> {
  await options.getByLabel('Pack URL').fill(url);
  await options.getByLabel('Lead’s public key file (JSON)').fill(JSON.stringify(publicKey));
  await options.getByRole('button', { name: 'Subscribe' }).click();
  await waitForText(options.getByTestId('packs-active'), version);
}

describe('team script packs', () => {
  let scene: DemoCallFixture | undefined;
  let server: StaticServer | undefined;
  afterEach(async () => {
    await scene?.close();
    await server?.close();
    scene = undefined;
    server = undefined;
  });

  it('switches to a new signed version only after the live call ends, and refuses a tampered one', async () => {
    const lead = await generateKeyPair('team-lead');
    const sign = async (pack: ScriptPack) => {
      const result = await signPack(pack, lead.privateKey);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return JSON.stringify(result.signed);
    };
    const packs = packServer();
    server = await startStaticServer(process.cwd(), { routes: { '/team/pack.json': packs.route } });
    packs.publish(await sign(version('1.0.0')));

    scene = await openDemoCallFixture();
    const options = await scene.browser.context.newPage();
    await options.goto(scene.browser.extensionUrl('options.html#packs'));
    await subscribe(options, `${server.origin}/team/pack.json`, lead.publicKey, '1.0.0');

    // A live call: version 1.1.0 arrives and waits.
    await scene.dialer.dial(CUSTOMER_NUMBER);
    await scene.dialer.waitForState('connected');
    await scene.panel.waitForPhase('Connected');
    packs.publish(await sign(version('1.1.0', (pack) => (pack.steps[0]!.title = { 'zh-CN': '问候（新）', en: 'Greeting (new)' }))));
    await options.getByRole('button', { name: 'Check now' }).click();
    await waitForText(options.getByTestId('packs-pending'), '1.1.0');
    expect(await statusText(options)).toContain('Active: ');
    expect(await options.getByTestId('packs-active').innerText()).toContain('1.0.0');

    // The call ends: the pack applies, and the panel says so.
    await scene.dialer.hangUp();
    await scene.panel.waitForPhase('Ended');
    await waitForText(scene.panel.page.getByTestId('pack-update-notice'), '1.1.0');
    expect(await statusText(options)).toContain('1.1.0');

    // The next call runs on the team's new version.
    await scene.dialer.dial(CUSTOMER_NUMBER);
    await scene.panel.waitForPhase('Connected');
    await new ScriptPanel(scene.panel.page).waitForStep('Greeting (new)');
    await scene.dialer.hangUp();
    await scene.panel.waitForPhase('Ended');

    // A tampered version 3 is refused with the reason, and 1.1.0 stays.
    packs.publish((await sign(version('3.0.0'))).replace('"3.0.0"', '"3.0.1"'));
    await options.getByRole('button', { name: 'Check now' }).click();
    await waitForText(options.getByTestId('packs-refusal'), /signature/i);
    expect(await options.getByTestId('packs-active').innerText()).toContain('1.1.0');
  });

  it('renders a pack whose every text holds HTML and script as inert text', async () => {
    const lead = await generateKeyPair('team-lead');
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';
    const pack = mapTexts(version('6.6.6'), (text) =>
      Object.fromEntries(Object.entries(text).map(([language, value]) => [language, `${value} ${hostile}`])),
    ) as ScriptPack;
    const signed = await signPack(pack, lead.privateKey);
    if (!signed.ok) throw new Error(JSON.stringify(signed.errors));
    const packs = packServer();
    packs.publish(JSON.stringify(signed.signed));
    server = await startStaticServer(process.cwd(), { routes: { '/team/pack.json': packs.route } });

    scene = await openDemoCallFixture();
    const options = await scene.browser.context.newPage();
    await options.goto(scene.browser.extensionUrl('options.html#packs'));
    await subscribe(options, `${server.origin}/team/pack.json`, lead.publicKey, '6.6.6');

    await scene.dialer.dial(CUSTOMER_NUMBER);
    await scene.panel.waitForPhase('Connected');
    const script = new ScriptPanel(scene.panel.page);
    await script.waitForStep('<img src=x onerror=');
    const page = scene.panel.page;
    expect(await script.stepTitle()).toContain('<script>window.__pwned=2</script>');
    // Nothing the pack wrote became markup or ran, in the panel or in the lead's preview.
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The pack editor is its own view of the options page.
    await options.goto(scene.browser.extensionUrl('options.html#pack-editor'));
    await options.reload();
    await options.getByRole('button', { name: 'The team pack in use' }).click();
    await waitForText(options.getByTestId('pack-editor-report'), 'Valid');
    expect(await options.locator('[data-testid="pack-editor-preview"] img, [data-testid="pack-editor-preview"] script').count()).toBe(0);
    expect(await options.getByTestId('pack-editor-preview').innerText()).toContain('<img src=x onerror=');
    expect(await options.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
