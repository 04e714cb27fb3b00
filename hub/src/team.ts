/**
 * What a lead reads: the day's summary per agent, calls found by debtor or number, the team export (streamed
 * page by page, each page its own short transaction), and the team's members. Row-level security lets only a lead
 * read other agents' call records; {@link requireLead} refuses agents before any query with a clear error.
 */
import type pg from 'pg';
import { createCsvExporter, csvCell, CSV_LINE_END, UTF8_BOM } from '../../lib/export/csv.ts';
import { EXPORT_COLUMNS, type ExportableCall } from '../../lib/export/types.ts';
import { dayBounds } from '../../lib/time/wall-clock.ts';
import type { Caller, HubDb } from './db.ts';
import { ENROLLMENT_CODE_DAYS, hashSecret, newEnrollmentCode } from './secrets.ts';
import type {
  AddAgentResponse,
  AgentDaySummary,
  HubCallRecord,
  TeamAgent,
  TeamCall,
  TeamSummaryResponse,
} from '../api/types.ts';

/** Thrown when an agent asks for a lead's view. */
export class ForbiddenError extends Error {}

/** Refuses callers who are not leads. */
export function requireLead(caller: Caller): void {
  if (caller.role !== 'lead') throw new ForbiddenError('only a team lead can read the team');
}

/** Per-agent figures of one local day; agents without calls are listed with zeros. */
export async function teamSummary(client: pg.ClientBase, caller: Caller, date: string, timeZone: string): Promise<TeamSummaryResponse> {
  requireLead(caller);
  const [from, to] = dayBounds(date, timeZone);
  const { rows } = await client.query<{ agent: string; calls: string; connects: string; talk: string; promises: string; overrides: string }>(
    `SELECT a.name AS agent, count(c.call_id) AS calls, count(c.connected_at) AS connects,
            coalesce(sum(greatest(0, round(extract(epoch FROM c.ended_at - c.connected_at)))), 0) AS talk,
            count(c.promise_amount) AS promises, coalesce(sum(c.overrides), 0) AS overrides
       FROM onscript.agents a
       LEFT JOIN onscript.calls c ON c.agent_id = a.id AND c.team_id = $1
            AND c.started_at >= onscript.from_epoch_ms($2) AND c.started_at < onscript.from_epoch_ms($3)
      WHERE a.team_id = $1
      GROUP BY a.id, a.name
      ORDER BY a.name`,
    [caller.teamId, from, to],
  );
  const agents: AgentDaySummary[] = rows.map((row) => ({
    agent: row.agent,
    calls: Number(row.calls),
    connects: Number(row.connects),
    talkSeconds: Number(row.talk),
    promises: Number(row.promises),
    overrides: Number(row.overrides),
  }));
  return { team: caller.team, date, timeZone, agents };
}

/** The team's calls with a debtor reference or a number, newest first. */
export async function teamCalls(
  client: pg.ClientBase,
  caller: Caller,
  query: { debtorRef?: string; numberE164?: string; limit?: number },
): Promise<TeamCall[]> {
  requireLead(caller);
  if (query.debtorRef === undefined && query.numberE164 === undefined) return [];
  const { rows } = await client.query<{ record: HubCallRecord; agent: string }>(
    `SELECT c.record, a.name AS agent
       FROM onscript.calls c JOIN onscript.agents a ON a.id = c.agent_id
      WHERE c.team_id = $1 AND (c.debtor_ref = $2 OR c.number_e164 = $3)
      ORDER BY c.started_at DESC, c.agent_id, c.call_id
      LIMIT $4`,
    [caller.teamId, query.debtorRef ?? null, query.numberE164 ?? null, query.limit ?? 100],
  );
  return rows.map((row) => ({ ...row.record, hubAgent: row.agent }));
}

/** Columns of the team export: the agent's export, then `hub_agent`, the enrolled agent who pushed the call. */
export const TEAM_EXPORT_COLUMNS = [...EXPORT_COLUMNS, 'hub_agent'] as const;

/** Rows read per transaction while exporting. */
const EXPORT_PAGE = 1000;

/**
 * The team's calls started in `[from, to)` as CSV, in start order: BOM and header first, then one page of rows at
 * a time. Each page is a keyset query in its own transaction, so a slow download holds no connection or snapshot
 * and the token is checked again on every page (a revoked lead's export stops).
 */
export async function* teamExportCsv(
  db: HubDb,
  token: string,
  range: { from: number; to: number; timeZone: string },
): AsyncGenerator<string, void, undefined> {
  const exporter = createCsvExporter({ timeZone: range.timeZone, bom: false });
  yield UTF8_BOM + TEAM_EXPORT_COLUMNS.join(',') + CSV_LINE_END;
  let after: { startedAt: string; agentId: string; callId: string } | undefined;
  for (;;) {
    const rows = await db.asCaller(token, async (client, caller) => {
      requireLead(caller);
      const { rows } = await client.query<{ record: HubCallRecord; agent: string; started_at: string; agent_id: string; call_id: string }>(
        `SELECT c.record, a.name AS agent, c.started_at::text AS started_at, c.agent_id, c.call_id
           FROM onscript.calls c JOIN onscript.agents a ON a.id = c.agent_id
          WHERE c.team_id = $1 AND c.started_at >= onscript.from_epoch_ms($2) AND c.started_at < onscript.from_epoch_ms($3)
            AND ($4::timestamptz IS NULL OR (c.started_at, c.agent_id, c.call_id) > ($4::timestamptz, $5::bigint, $6::text))
          ORDER BY c.started_at, c.agent_id, c.call_id
          LIMIT $7`,
        [caller.teamId, range.from, range.to, after?.startedAt ?? null, after?.agentId ?? null, after?.callId ?? null, EXPORT_PAGE],
      );
      return rows;
    });
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) {
      const line = exporter.row(toExportable(row.record));
      chunk += line.slice(0, -CSV_LINE_END.length) + ',' + csvCell(row.agent, 'agent') + CSV_LINE_END;
    }
    yield chunk;
    if (rows.length < EXPORT_PAGE) return;
    const last = rows.at(-1)!;
    after = { startedAt: last.started_at, agentId: last.agent_id, callId: last.call_id };
  }
}

/** A stored record in the shape the agent's exporter reads (detection fields it does not print get neutral values). */
function toExportable(record: HubCallRecord): ExportableCall {
  const call: ExportableCall = {
    ...record,
    origin: '',
    source: 'dom',
    phase: record.endedAt === undefined ? 'connected' : 'ended',
    updatedAt: record.endedAt ?? record.startedAt,
    agentName: record.agentName ?? '',
    notes: record.notes ?? '',
    complianceEvents: record.complianceEvents ?? [],
    redactions: [],
  };
  return call;
}

/** The team's members. */
export async function teamAgents(client: pg.ClientBase, caller: Caller): Promise<TeamAgent[]> {
  requireLead(caller);
  const { rows } = await client.query<{ name: string; role: TeamAgent['role']; created: string; enrolled: string | null; revoked: string | null }>(
    `SELECT name, role, onscript.epoch_ms(created_at) AS created, onscript.epoch_ms(enrolled_at) AS enrolled,
            onscript.epoch_ms(revoked_at) AS revoked
       FROM onscript.agents WHERE team_id = $1 ORDER BY name`,
    [caller.teamId],
  );
  return rows.map((row) => ({
    name: row.name,
    role: row.role,
    createdAt: Number(row.created),
    enrolledAt: row.enrolled === null ? null : Number(row.enrolled),
    revokedAt: row.revoked === null ? null : Number(row.revoked),
  }));
}

/** Thrown when a name is taken. */
export class ConflictError extends Error {}

/** A lead adds an agent to their team; returns the one-time code. */
export async function addTeamAgent(client: pg.ClientBase, caller: Caller, name: string, now: number): Promise<AddAgentResponse> {
  requireLead(caller);
  const code = newEnrollmentCode();
  const expiresAt = now + ENROLLMENT_CODE_DAYS * 86_400_000;
  await client.query('SAVEPOINT add_agent');
  try {
    await client.query('SELECT onscript.add_team_agent($1, $2, onscript.from_epoch_ms($3))', [name, hashSecret(code, { code: true }), expiresAt]);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT add_agent');
    if ((error as { code?: string }).code === '23505') throw new ConflictError(`the name "${name}" is taken`);
    throw error;
  }
  return { name, enrollmentCode: code, expiresAt };
}

/** A lead revokes an agent of their team; false when there is no such active agent. */
export async function revokeTeamAgent(client: pg.ClientBase, caller: Caller, name: string): Promise<boolean> {
  requireLead(caller);
  const { rows } = await client.query<{ revoked: boolean }>('SELECT onscript.revoke_team_agent($1) AS revoked', [name]);
  return rows[0]!.revoked;
}
