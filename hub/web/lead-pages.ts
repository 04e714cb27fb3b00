/**
 * The lead view's pages, rendered on the server with no script at all (the page's Content-Security-Policy allows
 * none): sign-in, today's summary per agent with a bar chart in plain SVG, search by debtor or number, and the
 * export form. Every stored value goes through {@link html}, so it is text, never markup.
 */
import { formatDuration } from '../../lib/time/format-duration.ts';
import { zoneClock } from '../../lib/time/wall-clock.ts';
import type { AgentDaySummary, TeamCall, TeamSummaryResponse } from '../api/types.ts';
import { html, type SafeHtml } from './html.ts';
import { leadMessages, type LeadLanguage, type LeadMessage } from './i18n.ts';

/** What every signed-in page shows in its header. */
export interface PageContext {
  language: LeadLanguage;
  agent: string;
  team: string;
  timeZone: string;
}

/** The stylesheet, served from /lead/style.css (the CSP allows styles from the hub only). */
export const LEAD_CSS = `
:root { color-scheme: light; font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1b1f24; background: #fff; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; border-bottom: 1px solid #d0d7de; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.notes { white-space: pre-wrap; max-width: 28rem; overflow-wrap: anywhere; }
tfoot td { font-weight: 600; }
form.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.9rem; }
input { font: inherit; padding: 0.3rem 0.4rem; min-width: 12rem; }
button { font: inherit; padding: 0.35rem 0.9rem; cursor: pointer; }
.error { color: #a40e26; background: #ffebe9; border: 1px solid #ff8182; padding: 0.5rem 0.8rem; }
.help { color: #57606a; font-size: 0.9rem; }
svg text { font-size: 12px; fill: #1b1f24; }
.bar-calls { fill: #0969da; } .bar-connects { fill: #1a7f37; }
.swatch.bar-calls { background: #0969da; } .swatch.bar-connects { background: #1a7f37; }
.legend { display: flex; gap: 1rem; font-size: 0.9rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: middle; }
`;

function page(language: LeadLanguage, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/lead/style.css"></head>
<body>${body}</body></html>`.markup;
}

function header(context: PageContext, t: Record<LeadMessage, string>): SafeHtml {
  const other = context.language === 'en' ? 'zh-CN' : 'en';
  return html`<header><h1>${t.title}</h1>
<p>${t.team}: <strong>${context.team}</strong> · ${t.signedInAs} <strong>${context.agent}</strong> ·
<a href="/lead?lang=${other}" lang="${other}">${t.language}</a></p>
<form method="post" action="/lead/logout?lang=${context.language}"><button type="submit">${t.logout}</button></form></header>`;
}

/** The sign-in page, with an error line when the last attempt failed. */
export function renderLogin(language: LeadLanguage, error?: 'failed' | 'not-lead' | 'revoked'): string {
  const t = leadMessages(language);
  const message = error === 'not-lead' ? t.loginNotLead : error === 'revoked' ? t.loginRevoked : error ? t.loginFailed : undefined;
  return page(
    language,
    t.title,
    html`<main><h1>${t.title}</h1><h2>${t.loginHeading}</h2>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<p class="help">${t.loginHelp}</p>
<form method="post" action="/lead/login?lang=${language}" class="inline">
<label>${t.loginLabel}<input name="secret" autocomplete="off" required maxlength="200" autofocus></label>
<button type="submit">${t.loginButton}</button></form>
<p><a href="/lead?lang=${language === 'en' ? 'zh-CN' : 'en'}">${t.language}</a></p></main>`,
  );
}


/** Horizontal bars, two per agent (calls, connects), labelled with the figures; the table beside it is the data. */
export function summaryChart(agents: readonly AgentDaySummary[], t: Record<LeadMessage, string>): SafeHtml {
  const labelWidth = 160;
  const barArea = 480;
  const rowHeight = 44;
  const max = Math.max(1, ...agents.map((agent) => agent.calls));
  const height = agents.length * rowHeight + 10;
  const rows = agents.map((agent, index) => {
    const y = index * rowHeight + 5;
    const callsWidth = Math.round((agent.calls / max) * barArea);
    const connectsWidth = Math.round((agent.connects / max) * barArea);
    return html`<g>
<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${agent.agent}</text>
<rect class="bar-calls" x="${labelWidth}" y="${y + 4}" width="${callsWidth}" height="16"></rect>
<text x="${labelWidth + callsWidth + 6}" y="${y + 16}">${agent.calls}</text>
<rect class="bar-connects" x="${labelWidth}" y="${y + 22}" width="${connectsWidth}" height="12"></rect>
<text x="${labelWidth + connectsWidth + 6}" y="${y + 33}">${agent.connects}</text></g>`;
  });
  return html`<figure>
<div class="legend" aria-hidden="true"><span><span class="swatch bar-calls"></span>${t.calls}</span>
<span><span class="swatch bar-connects"></span>${t.connects}</span></div>
<svg role="img" aria-labelledby="chart-title chart-desc" width="100%" viewBox="0 0 ${labelWidth + barArea + 60} ${height}" preserveAspectRatio="xMinYMin meet">
<title id="chart-title">${t.chartTitle}</title><desc id="chart-desc">${t.chartDesc}</desc>${rows}</svg></figure>`;
}

/** Today's (or `date`'s) summary page with the search and export forms. */
export function renderSummary(context: PageContext, summary: TeamSummaryResponse): string {
  const t = leadMessages(context.language);
  const total = summary.agents.reduce(
    (sum, agent) => ({
      calls: sum.calls + agent.calls,
      connects: sum.connects + agent.connects,
      talkSeconds: sum.talkSeconds + agent.talkSeconds,
      promises: sum.promises + agent.promises,
      overrides: sum.overrides + agent.overrides,
    }),
    { calls: 0, connects: 0, talkSeconds: 0, promises: 0, overrides: 0 },
  );
  const table =
    summary.agents.length === 0
      ? html`<p>${t.noAgents}</p>`
      : html`<table><caption class="help">${summary.date} · ${summary.timeZone}</caption>
<thead><tr><th scope="col">${t.agent}</th><th scope="col" class="num">${t.calls}</th><th scope="col" class="num">${t.connects}</th>
<th scope="col" class="num">${t.talkTime}</th><th scope="col" class="num">${t.promises}</th><th scope="col" class="num">${t.overrides}</th></tr></thead>
<tbody>${summary.agents.map(
          (agent) => html`<tr><th scope="row">${agent.agent}</th><td class="num">${agent.calls}</td><td class="num">${agent.connects}</td>
<td class="num">${formatDuration(agent.talkSeconds * 1000)}</td><td class="num">${agent.promises}</td><td class="num">${agent.overrides}</td></tr>`,
        )}</tbody>
<tfoot><tr><td>${t.total}</td><td class="num">${total.calls}</td><td class="num">${total.connects}</td><td class="num">${formatDuration(total.talkSeconds * 1000)}</td>
<td class="num">${total.promises}</td><td class="num">${total.overrides}</td></tr></tfoot></table>
${summaryChart(summary.agents, t)}`;
  return page(
    context.language,
    `${t.summaryHeading} · ${t.title}`,
    html`${header(context, t)}<main>
<h2>${t.summaryHeading}</h2>
<form method="get" action="/lead" class="inline"><input type="hidden" name="lang" value="${context.language}">
<label>${t.summaryDate}<input type="date" name="date" value="${summary.date}"></label>
<label>${t.summaryZone}<input name="timeZone" value="${summary.timeZone}" maxlength="64"></label>
<button type="submit">${t.show}</button></form>
${table}
${searchForm(context, t, '')}
<h2>${t.exportHeading}</h2><p class="help">${t.exportHelp}</p>
<form method="get" action="/lead/export.csv" class="inline"><input type="hidden" name="timeZone" value="${summary.timeZone}">
<label>${t.exportFrom}<input type="date" name="from" value="${summary.date}" required></label>
<label>${t.exportTo}<input type="date" name="to" value="${summary.date}"></label>
<button type="submit">${t.exportButton}</button></form></main>`,
  );
}

function searchForm(context: PageContext, t: Record<LeadMessage, string>, value: string): SafeHtml {
  return html`<h2>${t.searchHeading}</h2>
<form method="get" action="/lead/search" class="inline" role="search"><input type="hidden" name="lang" value="${context.language}">
<label>${t.searchLabel}<input name="q" value="${value}" maxlength="128" required></label>
<button type="submit">${t.searchButton}</button></form>`;
}

/** Search results: the team's calls with that debtor or number, newest first. */
export function renderSearch(context: PageContext, query: string, calls: readonly TeamCall[] | undefined): string {
  const t = leadMessages(context.language);
  const clock = zoneClock(context.timeZone);
  const results =
    calls === undefined
      ? html`<p class="help">${t.searchHelp}</p>`
      : calls.length === 0
        ? html`<p>${t.searchNone}</p>`
        : html`<table><thead><tr><th scope="col">${t.started}</th><th scope="col">${t.agent}</th><th scope="col">${t.number}</th>
<th scope="col">${t.debtor}</th><th scope="col">${t.disposition}</th><th scope="col" class="num">${t.duration}</th><th scope="col">${t.notes}</th></tr></thead>
<tbody>${calls.map((call) => {
            const talk = call.endedAt === undefined ? '' : call.connectedAt === undefined ? 0 : Math.max(0, Math.round((call.endedAt - call.connectedAt) / 1000));
            return html`<tr><td>${clock.toIsoString(call.startedAt)}</td><td>${call.hubAgent}</td><td>${call.numberE164 ?? call.remoteNumber}</td>
<td>${call.debtorRef ?? ''}</td><td>${call.disposition ?? ''}</td><td class="num">${talk}</td><td class="notes">${call.notes ?? ''}</td></tr>`;
          })}</tbody></table>`;
  return page(
    context.language,
    `${t.searchHeading} · ${t.title}`,
    html`${header(context, t)}<main><p><a href="/lead?lang=${context.language}">← ${t.summaryHeading}</a></p>
${searchForm(context, t, query)}${results}</main>`,
  );
}
