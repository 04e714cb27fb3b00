/**
 * The hub's HTTP service (Fastify): the v1 JSON API the extension talks to, the lead's API, and the lead view.
 * It keeps nothing between requests except per-process rate-limit counters; every request authenticates
 * against PostgreSQL and runs in one transaction under row-level security (./db.ts).
 */
import { Readable } from 'node:stream';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { dayBounds, zoneClock } from '../../lib/time/wall-clock.ts';
import { isValidTimeZone } from '../../lib/time/zone-offsets.ts';
import {
  AddAgentRequestSchema,
  AgentNameParamsSchema,
  CountsQuerySchema,
  DateQuerySchema,
  EnrollRequestSchema,
  ExportQuerySchema,
  FlagsQuerySchema,
  PushRequestSchema,
  TeamCallsQuerySchema,
} from '../api/schemas.ts';
import {
  HUB_LIMITS,
  type AddAgentRequest,
  type CountsRequest,
  type EnrollRequest,
  type EnrollResponse,
  type HubErrorBody,
  type HubErrorCode,
  type HubErrorDetail,
  type PushRequest,
} from '../api/types.ts';
import { AuthError, type Caller, type HubDb } from './db.ts';
import { checkPush, counts, flagsSince, LedgerInputError, push } from './ledger.ts';
import { hashSecret, looksLikeEnrollmentCode, newToken } from './secrets.ts';
import { addTeamAgent, ConflictError, ForbiddenError, requireLead, revokeTeamAgent, teamAgents, teamCalls, teamExportCsv, teamSummary } from './team.ts';
import { LEAD_CSS, renderLogin, renderSearch, renderSummary } from '../web/lead-pages.ts';
import { pickLanguage } from '../web/i18n.ts';

/** Options of {@link buildHub}. */
export interface HubServerOptions {
  db: HubDb;
  /** Requests per token (or per address without one) per window (default 600 a minute). */
  rateLimit?: { max: number; windowMs: number };
  /** Enrollment attempts per address per window (default 10 a minute). */
  enrollRateLimit?: { max: number; windowMs: number };
  /** Zone of the lead view's "today" when the lead names none (default the machine's). */
  defaultTimeZone?: string;
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: Buffer | string; key: Buffer | string };
  /** Behind the agency's HTTPS proxy: trust X-Forwarded-For/-Proto from it. */
  trustProxy?: boolean | string;
  /** Fastify's logger: false, true (info) or a level (`warn` keeps request lines out under load). */
  logger?: boolean | { level: string };
}

/** An error with a status and a stable code, thrown by handlers. */
class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: HubErrorCode,
    message: string,
    readonly details?: HubErrorDetail[],
  ) {
    super(message);
  }
}

const LEAD_COOKIE = 'onscript_lead';
const LEAD_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** True for an IANA zone name this runtime knows (lib/time's check). */
export const isTimeZone = isValidTimeZone;

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S{1,200})$/i.exec(header);
  return match?.[1];
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function requireToken(request: FastifyRequest): string {
  const token = bearer(request);
  if (!token) throw new AuthError('unauthorized');
  return token;
}

function errorBody(code: HubErrorCode, message: string, details?: HubErrorDetail[], retryAfterMs?: number): HubErrorBody {
  const body: HubErrorBody = { error: { code, message } };
  if (details) body.error.details = details;
  if (retryAfterMs !== undefined) body.error.retryAfterMs = retryAfterMs;
  return body;
}

/** Builds the hub (not yet listening). */
export async function buildHub(options: HubServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const defaultTimeZone = options.defaultTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: HUB_LIMITS.bodyBytes,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  // JSON for the API, form posts for the lead view's sign-in; nothing else (Fastify would accept text/plain).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const limit = options.rateLimit ?? { max: 600, windowMs: 60_000 };
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    // Per token (hashed, so the limiter's memory holds no secret); requests without one share their address's.
    keyGenerator: (request) => {
      const token = bearer(request) ?? cookie(request, LEAD_COOKIE);
      return token ? `t:${hashSecret(token).toString('hex').slice(0, 32)}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      hubCode: 'rate-limited',
      retryAfterMs: context.ttl,
      message: `too many requests: at most ${context.max} per ${Math.round(limit.windowMs / 1000)} s; try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  app.setErrorHandler((error: FastifyError & { hubCode?: string; retryAfterMs?: number }, request, reply) => {
    if (error instanceof HubError) return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    if (error instanceof AuthError) {
      return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(error.code, error.message));
    }
    if (error instanceof ForbiddenError) return reply.code(403).send(errorBody('forbidden', error.message));
    if (error instanceof ConflictError) return reply.code(409).send(errorBody('conflict', error.message));
    if (error instanceof LedgerInputError) {
      return reply.code(400).send(errorBody('invalid-request', error.message, [{ path: error.path, message: error.message }]));
    }
    if (error.hubCode === 'rate-limited') {
      const ms = error.retryAfterMs ?? 1000;
      return reply.code(429).header('retry-after', String(Math.ceil(ms / 1000))).send(errorBody('rate-limited', error.message, undefined, ms));
    }
    if (error.validation) {
      const details = error.validation.map((problem) => ({
        path: `${error.validationContext === 'body' ? '' : `${error.validationContext}:`}${problem.instancePath || '/'}`,
        message: problem.message ?? 'is not valid',
      }));
      return reply.code(400).send(errorBody('invalid-request', `the ${error.validationContext ?? 'request'} is not valid: ${details[0]?.path} ${details[0]?.message}`, details));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('payload-too-large', `the body is larger than ${HUB_LIMITS.bodyBytes} bytes; send fewer items per push`));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send(errorBody('unsupported-media-type', 'send JSON with Content-Type: application/json'));
    }
    if (error.statusCode === 400 || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send(errorBody('invalid-request', `the body is not valid JSON: ${error.message}`));
    }
    const pgCode = (error as { code?: string }).code;
    if (pgCode === '22023' || pgCode === '22P02') return reply.code(400).send(errorBody('invalid-request', error.message));
    if (pgCode === 'ECONNREFUSED' || pgCode === '57P01' || pgCode === '57P03' || /timeout exceeded when trying to connect/.test(error.message)) {
      return reply.code(503).header('retry-after', '5').send(errorBody('unavailable', 'the hub cannot reach its database; try again shortly'));
    }
    request.log.error(error);
    return reply.code(500).send(errorBody('internal', 'internal error; the hub logged it'));
  });

  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody('not-found', `no route ${request.method} ${request.url.split('?')[0]}`)));

  // The extension calls from its own origin; the API needs no cookies, so any origin may read its answers.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/v1/')) {
      reply.header('access-control-allow-origin', '*');
      reply.header('cache-control', 'no-store');
    }
  });
  app.options('/v1/*', { config: { rateLimit: false } }, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '86400')
      .send(),
  );

  app.get('/healthz', { config: { rateLimit: false } }, async () => {
    await db.pool.query('SELECT 1');
    return { ok: true };
  });

  // ---- Identity ----------------------------------------------------------------------------------------------
  const enrollLimit = options.enrollRateLimit ?? { max: 10, windowMs: 60_000 };
  const enroll = async (code: string): Promise<EnrollResponse | undefined> => {
    const token = newToken();
    const row = await db.anonymous(async (client) => {
      const { rows } = await client.query<{ role: EnrollResponse['role']; agent_name: string; team_name: string }>(
        'SELECT * FROM onscript.enroll($1, $2)',
        [hashSecret(code, { code: true }), hashSecret(token)],
      );
      return rows[0];
    });
    return row ? { token, agent: row.agent_name, team: row.team_name, role: row.role } : undefined;
  };
  app.post<{ Body: EnrollRequest }>(
    '/v1/enroll',
    {
      schema: { body: EnrollRequestSchema },
      config: { rateLimit: { max: enrollLimit.max, timeWindow: enrollLimit.windowMs, keyGenerator: (request) => `enroll:${request.ip}` } },
    },
    async (request) => {
      const enrolled = await enroll(request.body.code);
      if (!enrolled) throw new HubError(401, 'enrollment-invalid', 'this enrollment code is unknown, already used, expired or revoked');
      return enrolled;
    },
  );

  const me = (caller: Caller) => ({ agent: caller.agent, team: caller.team, role: caller.role });
  app.get('/v1/me', async (request) => db.asCaller(requireToken(request), async (_client, caller) => me(caller)));

  // ---- Ledger ------------------------------------------------------------------------------------------------
  app.post<{ Body: PushRequest }>('/v1/push', { schema: { body: PushRequestSchema } }, async (request) => {
    checkPush(request.body, Date.now());
    return db.asCaller(requireToken(request), (client, caller) => push(client, caller, request.body));
  });

  app.get<{ Querystring: CountsRequest }>('/v1/counts', { schema: { querystring: CountsQuerySchema } }, async (request) => {
    const query = request.query;
    if (query.numberE164 === undefined && query.debtorRef === undefined) {
      throw new HubError(400, 'invalid-request', 'name numberE164, debtorRef or both', [{ path: 'querystring:/', message: 'needs numberE164 or debtorRef' }]);
    }
    if (!(query.to > query.from) || query.to - query.from > HUB_LIMITS.countsWindowDays * 86_400_000) {
      throw new HubError(400, 'invalid-request', `the window must end after it starts and span at most ${HUB_LIMITS.countsWindowDays} days`, [
        { path: 'querystring:/to', message: 'outside the allowed window' },
      ]);
    }
    if (!isTimeZone(query.timeZone)) {
      throw new HubError(400, 'invalid-request', `unknown time zone "${query.timeZone}"`, [{ path: 'querystring:/timeZone', message: 'not an IANA zone' }]);
    }
    return db.asCaller(requireToken(request), (client, caller) => counts(client, caller, query, Date.now()));
  });

  app.get<{ Querystring: { after?: string; limit?: number } }>('/v1/flags', { schema: { querystring: FlagsQuerySchema } }, async (request) =>
    db.asCaller(requireToken(request), (client, caller) => flagsSince(client, caller, request.query.after, request.query.limit ?? HUB_LIMITS.flagsPage)),
  );

  // ---- Lead API ----------------------------------------------------------------------------------------------
  const zoneOf = (zone: string | undefined) => {
    const timeZone = zone ?? defaultTimeZone;
    if (!isTimeZone(timeZone)) throw new HubError(400, 'invalid-request', `unknown time zone "${timeZone}"`, [{ path: 'querystring:/timeZone', message: 'not an IANA zone' }]);
    return timeZone;
  };
  const dayRange = (from: string, to: string, timeZone: string): [number, number] => {
    try {
      const start = dayBounds(from, timeZone)[0];
      const end = dayBounds(to, timeZone)[1];
      if (end <= start || end - start > 367 * 86_400_000) throw new RangeError('range');
      return [start, end];
    } catch {
      throw new HubError(400, 'invalid-request', 'from and to must be real dates, from ≤ to, at most a year apart', [{ path: 'querystring:/from', message: 'bad range' }]);
    }
  };

  app.get<{ Querystring: { date?: string; timeZone?: string } }>('/v1/team/summary', { schema: { querystring: DateQuerySchema } }, async (request) => {
    const timeZone = zoneOf(request.query.timeZone);
    const date = request.query.date ?? zoneClock(timeZone).toLocalDate(Date.now());
    dayRange(date, date, timeZone);
    return db.asCaller(requireToken(request), (client, caller) => teamSummary(client, caller, date, timeZone));
  });

  app.get<{ Querystring: { debtorRef?: string; numberE164?: string; limit?: number } }>(
    '/v1/team/calls',
    { schema: { querystring: TeamCallsQuerySchema } },
    async (request) => {
      if (request.query.debtorRef === undefined && request.query.numberE164 === undefined) {
        throw new HubError(400, 'invalid-request', 'name numberE164 or debtorRef', [{ path: 'querystring:/', message: 'needs numberE164 or debtorRef' }]);
      }
      return { calls: await db.asCaller(requireToken(request), (client, caller) => teamCalls(client, caller, request.query)) };
    },
  );

  const sendExport = async (reply: FastifyReply, token: string, query: { from: string; to?: string; timeZone?: string }) => {
    const timeZone = zoneOf(query.timeZone);
    const to = query.to ?? query.from;
    const [start, end] = dayRange(query.from, to, timeZone);
    // Checked before the first byte, so a refusal is a JSON error and not a broken file.
    await db.asCaller(token, async (_client, caller) => requireLead(caller));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="onscript-team-${query.from}-${to}.csv"`)
      .send(Readable.from(teamExportCsv(db, token, { from: start, to: end, timeZone })));
  };
  app.get<{ Querystring: { from: string; to?: string; timeZone?: string } }>('/v1/team/export.csv', { schema: { querystring: ExportQuerySchema } }, async (request, reply) =>
    sendExport(reply, requireToken(request), request.query),
  );

  app.get('/v1/team/agents', async (request) => ({
    agents: await db.asCaller(requireToken(request), (client, caller) => teamAgents(client, caller)),
  }));
  app.post<{ Body: AddAgentRequest }>('/v1/team/agents', { schema: { body: AddAgentRequestSchema } }, async (request, reply) => {
    const added = await db.asCaller(requireToken(request), (client, caller) => addTeamAgent(client, caller, request.body.name, Date.now()));
    return reply.code(201).send(added);
  });
  app.post<{ Params: { name: string } }>('/v1/team/agents/:name/revoke', { schema: { params: AgentNameParamsSchema } }, async (request) => {
    const revoked = await db.asCaller(requireToken(request), (client, caller) => revokeTeamAgent(client, caller, request.params.name));
    if (!revoked) throw new HubError(404, 'not-found', `no active agent "${request.params.name}" in your team`);
    return { name: request.params.name, revoked: true };
  });

  // ---- Lead view (HTML, no script) ---------------------------------------------------------------------------
  const secureCookie = (request: FastifyRequest) => request.protocol === 'https';
  const setLeadCookie = (reply: FastifyReply, request: FastifyRequest, token: string) =>
    reply.header(
      'set-cookie',
      `${LEAD_COOKIE}=${encodeURIComponent(token)}; Path=/lead; HttpOnly; SameSite=Strict; Max-Age=2592000${secureCookie(request) ? '; Secure' : ''}`,
    );
  const htmlReply = (reply: FastifyReply, status: number, markup: string) =>
    reply.code(status).headers(LEAD_HEADERS).header('content-type', 'text/html; charset=utf-8').send(markup);
  const languageOf = (request: FastifyRequest) =>
    pickLanguage((request.query as { lang?: string } | undefined)?.lang, request.headers['accept-language']);

  /** Runs a signed-in lead page; an absent, unknown or revoked token shows the sign-in page. */
  const asLead = async (request: FastifyRequest, reply: FastifyReply, work: (caller: Caller, token: string) => Promise<string>) => {
    const language = languageOf(request);
    const token = cookie(request, LEAD_COOKIE);
    if (!token) return htmlReply(reply, 200, renderLogin(language));
    try {
      return htmlReply(reply, 200, await work(await db.asCaller(token, async (_client, caller) => (requireLead(caller), caller)), token));
    } catch (error) {
      if (error instanceof AuthError) return htmlReply(reply, 401, renderLogin(language, error.code === 'revoked' ? 'revoked' : 'failed'));
      if (error instanceof ForbiddenError) return htmlReply(reply, 403, renderLogin(language, 'not-lead'));
      throw error;
    }
  };

  app.get('/lead/style.css', async (_request, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(LEAD_CSS),
  );

  app.get<{ Querystring: { date?: string; timeZone?: string; lang?: string } }>('/lead', async (request, reply) =>
    asLead(request, reply, async (caller, token) => {
      const timeZone = request.query.timeZone && isTimeZone(request.query.timeZone) ? request.query.timeZone : defaultTimeZone;
      const today = zoneClock(timeZone).toLocalDate(Date.now());
      const date = request.query.date && /^\d{4}-\d{2}-\d{2}$/.test(request.query.date) ? request.query.date : today;
      const summary = await db.asCaller(token, (client) => teamSummary(client, caller, date, timeZone));
      return renderSummary({ language: languageOf(request), agent: caller.agent, team: caller.team, timeZone }, summary);
    }),
  );

  app.get<{ Querystring: { q?: string; lang?: string } }>('/lead/search', async (request, reply) =>
    asLead(request, reply, async (caller, token) => {
      const q = (request.query.q ?? '').trim().slice(0, HUB_LIMITS.debtorRefLength);
      const context = { language: languageOf(request), agent: caller.agent, team: caller.team, timeZone: defaultTimeZone };
      if (q === '') return renderSearch(context, q, undefined);
      const digits = q.replace(/[\s()-]/g, '');
      const query = /^\+[1-9]\d{1,14}$/.test(digits) ? { numberE164: digits, debtorRef: q } : { debtorRef: q };
      const calls = await db.asCaller(token, (client) => teamCalls(client, caller, { ...query, limit: 200 }));
      return renderSearch(context, q, calls);
    }),
  );

  app.get<{ Querystring: { from?: string; to?: string; timeZone?: string } }>('/lead/export.csv', async (request, reply) => {
    const token = cookie(request, LEAD_COOKIE);
    if (!token) throw new AuthError('unauthorized');
    const { from, to, timeZone } = request.query;
    if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from) || (to !== undefined && to !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(to))) {
      throw new HubError(400, 'invalid-request', 'from (and to) must be dates YYYY-MM-DD');
    }
    return sendExport(reply, token, { from, ...(to ? { to } : {}), ...(timeZone ? { timeZone } : {}) });
  });

  app.post<{ Body: { secret?: string } }>('/lead/login', { config: { rateLimit: { max: enrollLimit.max, timeWindow: enrollLimit.windowMs, keyGenerator: (request) => `login:${request.ip}` } } }, async (request, reply) => {
    const language = languageOf(request);
    const secret = typeof request.body?.secret === 'string' ? request.body.secret.trim().slice(0, 200) : '';
    let token: string | undefined;
    let role: string | undefined;
    try {
      if (looksLikeEnrollmentCode(secret)) {
        const enrolled = await enroll(secret);
        token = enrolled?.token;
        role = enrolled?.role;
      } else if (secret !== '') {
        const caller = await db.asCaller(secret, async (_client, caller) => caller);
        token = secret;
        role = caller.role;
      }
    } catch (error) {
      if (error instanceof AuthError) return htmlReply(reply, 401, renderLogin(language, error.code === 'revoked' ? 'revoked' : 'failed'));
      throw error;
    }
    if (!token) return htmlReply(reply, 401, renderLogin(language, 'failed'));
    if (role !== 'lead') return htmlReply(reply, 403, renderLogin(language, 'not-lead'));
    setLeadCookie(reply, request, token);
    return reply.code(303).header('location', `/lead?lang=${language}`).send();
  });

  app.post('/lead/logout', async (request, reply) =>
    reply
      .code(303)
      .header('set-cookie', `${LEAD_COOKIE}=; Path=/lead; HttpOnly; SameSite=Strict; Max-Age=0`)
      .header('location', `/lead?lang=${languageOf(request)}`)
      .send(),
  );
  app.get('/', async (_request, reply) => reply.code(302).header('location', '/lead').send());

  // Months of the attempts table are created ahead, at start and then twice a day.
  const ensurePartitions = () =>
    db.anonymous((client) => client.query("SELECT onscript.ensure_attempt_partitions(date_trunc('month', now())::date, 4)")).catch((error: Error) => {
      app.log.warn(`could not create attempt partitions ahead: ${error.message}`);
    });
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await ensurePartitions();
    timer = setInterval(() => void ensurePartitions(), 12 * 3_600_000).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
  return app;
}
