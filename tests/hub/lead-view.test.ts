import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { EXPORT_COLUMNS } from '../../lib/export/types';
import { zoneClock } from '../../lib/time/wall-clock';
import type { HubClient } from '../../hub/api/client';
import type { PushCall } from '../../hub/api/types';
import { addMember } from '../../hub/src/admin';
import { escapeHtml, html } from '../../hub/web/html';
import { startTestHub, type TestHub } from './support/hub-fixture';

const ZONE = 'Asia/Shanghai';
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>'"&`;

let hub: TestHub;
let ana: HubClient;
let leadToken: string;
let today: string;

beforeAll(async () => {
  hub = await startTestHub({ defaultTimeZone: ZONE });
  ana = (await hub.member('ana')).client;
  await hub.member('ben');
  leadToken = (await hub.member('lia', 'lead')).token;
  const now = Date.now();
  today = zoneClock(ZONE).toLocalDate(now);
  const call = (i: number, extra: Partial<PushCall['call']> = {}): PushCall => ({
    key: `call-${i}`,
    revision: 1,
    call: {
      id: `call-${i}`,
      direction: 'outbound',
      remoteNumber: '13800138000',
      numberE164: '+8613800138000',
      startedAt: now - 60_000 * (10 - i),
      connectedAt: now - 60_000 * (10 - i) + 5_000,
      endedAt: now - 60_000 * (10 - i) + 65_000,
      debtorRef: 'D-100',
      agentName: 'Ana',
      ...extra,
    },
  });
  await ana.push({
    calls: [
      call(1, { notes: HOSTILE, disposition: HOSTILE }),
      call(2, { promiseToPay: { amount: '1250.50', currency: 'CNY', date: '2026-12-31' }, complianceEvents: [{ at: now, kind: 'override', code: 'quiet-hours', detail: 'late', reason: 'callback asked' }] }),
      call(3, { connectedAt: undefined, endedAt: now - 60_000 * 7 + 30_000, notes: '=HYPERLINK("http://evil")' }),
    ],
  });
});

afterAll(async () => {
  await hub.stop();
});

async function page(path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set('cookie', `onscript_lead=${encodeURIComponent(token)}`);
  const response = await fetch(`${hub.baseUrl}${path}`, { redirect: 'manual', ...init, headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('the html tag', () => {
  it('escapes every interpolated value and nests its own markup as is', () => {
    expect(escapeHtml(`<a href="x">'&\``)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#96;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'" onmouseover="x'}">${inner}${['<', 1, null, false]}</p>`.markup).toBe(
      '<p title="&quot; onmouseover=&quot;x"><b>&lt;i&gt;</b>&lt;1</p>',
    );
  });
});

describe('lead view', () => {
  it('asks for a code or token, and a lead’s code signs in (the code is then spent)', async () => {
    const login = await page('/lead');
    expect(login.status).toBe(200);
    expect(login.text).toContain('name="secret"');
    expect(login.headers.get('content-security-policy')).toContain("default-src 'none'");

    const issued = await addMember(hub.database.owner, 'leo', 'lead');
    const signIn = await page('/lead/login', undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ secret: issued.code }).toString(),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^onscript_lead=osh_[^;]+; Path=\/lead; HttpOnly; SameSite=Strict/);
    const token = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    expect((await page('/lead', token)).text).toContain('leo');

    const again = await page('/lead/login', undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ secret: issued.code }).toString(),
    });
    expect(again.status).toBe(401);
  });

  it('refuses an agent’s code or token', async () => {
    const issued = await addMember(hub.database.owner, 'amy', 'agent');
    const response = await page('/lead/login?lang=en', undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `secret=${issued.code}`,
    });
    expect(response.status).toBe(403);
    expect(response.text).toContain('for team leads only');
  });

  it('shows today’s figures per agent with a chart, in English and Chinese', async () => {
    const response = await page('/lead?lang=en', leadToken);
    const { document } = parseHTML(response.text);
    const rows = [...document.querySelectorAll('tbody tr')]
      .map((row) => [...row.children].map((cell) => cell.textContent?.trim()))
      .filter((row) => ['ana', 'ben', 'lia'].includes(row[0]!));
    expect(rows).toEqual([
      ['ana', '3', '2', '2:00', '1', '1'],
      ['ben', '0', '0', '0:00', '0', '0'],
      ['lia', '0', '0', '0:00', '0', '0'],
    ]);
    const chart = document.querySelector('svg[role="img"]')!;
    expect(chart.getAttribute('aria-labelledby')).toBe('chart-title chart-desc');
    expect(chart.querySelectorAll('rect.bar-calls')).toHaveLength(document.querySelectorAll('tbody tr').length);
    expect(document.documentElement.getAttribute('lang')).toBe('en');

    const zh = await page('/lead', leadToken, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('承诺还款');
    expect(zh.text).not.toContain('Promises');
  });

  it('renders hostile stored text as text, never as markup', async () => {
    const response = await page('/lead/search?q=D-100&lang=en', leadToken);
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('<script>alert');
    expect(response.text).not.toContain('<img src=x');
    expect(response.text).toContain(escapeHtml(HOSTILE));
    const { document } = parseHTML(response.text);
    expect(document.querySelectorAll('script, img')).toHaveLength(0);
    const notes = [...document.querySelectorAll('td.notes')].map((cell) => cell.textContent);
    expect(notes).toContain(HOSTILE);
    expect(document.querySelectorAll('tbody tr')).toHaveLength(3);
    // The search box echoes the query as text too.
    const echoed = await page(`/lead/search?q=${encodeURIComponent('"><script>x</script>')}`, leadToken);
    expect(echoed.text).not.toContain('<script>x');
  });

  it('finds calls by number in E.164 as well as by debtor', async () => {
    const { document } = parseHTML((await page('/lead/search?q=%2B8613800138000', leadToken)).text);
    expect(document.querySelectorAll('tbody tr')).toHaveLength(3);
    const none = parseHTML((await page('/lead/search?q=nobody', leadToken)).text).document;
    expect(none.querySelectorAll('tbody tr')).toHaveLength(0);
  });

  it('shows the sign-in page again once the lead is revoked', async () => {
    const issued = await addMember(hub.database.owner, 'gone', 'lead');
    const token = (await hub.anonymous.enroll(issued.code)).token;
    expect((await page('/lead', token)).text).toContain('gone');
    await hub.database.owner.query("UPDATE onscript.agents SET revoked_at = now() WHERE name = 'gone'");
    const after = await page('/lead?lang=en', token);
    expect(after.status).toBe(401);
    expect(after.text).toContain('revoked');
  });
});

describe('team export', () => {
  const parseCsv = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');

  it('streams the agent export’s columns plus hub_agent, formulas neutralised, from the lead view and the API', async () => {
    const response = await page(`/lead/export.csv?from=${today}&timeZone=${ZONE}`, leadToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(`onscript-team-${today}-${today}.csv`);
    // fetch's text() drops a BOM: read the bytes.
    const bytes = new Uint8Array(await (await fetch(`${hub.baseUrl}/lead/export.csv?from=${today}&timeZone=${ZONE}`, { headers: { cookie: `onscript_lead=${encodeURIComponent(leadToken)}` } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = parseCsv(response.text);
    expect(lines[0]).toBe([...EXPORT_COLUMNS, 'hub_agent'].join(','));
    expect(lines).toHaveLength(4);
    expect(lines[1]!.slice(0, 12)).toBe('call-1,Ana,2');
    expect(lines[1]!.split(',').at(-1)).toBe('ana');
    expect(lines[2]).toContain(',1250.50,CNY,2026-12-31,');
    expect(lines[2]).toContain('override:quiet-hours');
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const api = await fetch(`${hub.baseUrl}/v1/team/export.csv?from=${today}&timeZone=${ZONE}`, { headers: { authorization: `Bearer ${leadToken}` } });
    expect(await api.text()).toBe(response.text);
  });

  it('pages through thousands of calls in start order, each exactly once', async () => {
    const bulk = (await hub.member('bulk')).client;
    const start = Date.UTC(2026, 0, 15, 1, 0, 0);
    const total = 2_345;
    for (let from = 0; from < total; from += 500) {
      await bulk.push({
        calls: Array.from({ length: Math.min(500, total - from) }, (_, j) => {
          const i = from + j;
          // Many calls share a start instant: the keyset must still order and page them without loss.
          return { key: `b${i}`, revision: 1, call: { id: `bulk-${String(i).padStart(5, '0')}`, direction: 'inbound' as const, remoteNumber: '1', startedAt: start + Math.floor(i / 3) * 1000 } };
        }),
      });
    }
    const response = await page(`/lead/export.csv?from=2026-01-15&to=2026-01-15&timeZone=${ZONE}`, leadToken);
    const lines = parseCsv(response.text).slice(1);
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((line) => line.split(',')[0])).size).toBe(total);
    const starts = lines.map((line) => line.split(',')[2]!);
    expect([...starts].sort()).toEqual(starts);
  });

  it('refuses bad dates and signed-out requests with JSON errors', async () => {
    expect((await page('/lead/export.csv?from=2026-13-01', leadToken)).status).toBe(400);
    expect((await page(`/lead/export.csv?from=${today}`)).status).toBe(401);
  });
});
