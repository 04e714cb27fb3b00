/**
 * A small typed client of the hub's v1 API on `fetch`, for the extension's background (and the hub's tests).
 * No Node or extension APIs: pass `fetch` if the global one is not the right one. Every failure is a
 * {@link HubRequestError} with the hub's stable error code, or `network` when no answer came.
 */
import type {
  AddAgentResponse,
  CountsRequest,
  CountsResponse,
  EnrollResponse,
  FlagsResponse,
  HubErrorBody,
  HubErrorCode,
  HubErrorDetail,
  MeResponse,
  PushRequest,
  PushResponse,
  TeamAgentsResponse,
  TeamCallsResponse,
  TeamSummaryResponse,
} from './types.ts';

/** Options of {@link createHubClient}. */
export interface HubClientOptions {
  /** The hub's address, e.g. `https://hub.agency.example` (no trailing `/v1`). */
  baseUrl: string;
  /** The bearer token from {@link HubClient.enroll}; not needed for enrolling. */
  token?: string;
  fetch?: typeof fetch;
  /** Per-request time limit (default 10 s). */
  timeoutMs?: number;
}

/** Why a hub request failed. */
export class HubRequestError extends Error {
  constructor(
    /** The hub's code, or `network` when the hub could not be reached or answered something that is not the API. */
    readonly code: HubErrorCode | 'network',
    message: string,
    /** HTTP status, 0 for `network`. */
    readonly status: number,
    readonly details: HubErrorDetail[] = [],
    /** For `rate-limited` (and `unavailable`): when to try again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HubRequestError';
  }
}

/** The v1 API as functions. */
export interface HubClient {
  enroll(code: string): Promise<EnrollResponse>;
  me(): Promise<MeResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  counts(request: CountsRequest): Promise<CountsResponse>;
  flags(after?: string, limit?: number): Promise<FlagsResponse>;
  teamSummary(query?: { date?: string; timeZone?: string }): Promise<TeamSummaryResponse>;
  teamCalls(query: { debtorRef?: string; numberE164?: string; limit?: number }): Promise<TeamCallsResponse>;
  teamAgents(): Promise<TeamAgentsResponse>;
  addAgent(name: string): Promise<AddAgentResponse>;
  revokeAgent(name: string): Promise<{ name: string; revoked: true }>;
}

function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Creates a client for one hub and (optionally) one token. */
export function createHubClient(options: HubClientOptions): HubClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new HubRequestError('network', `the hub could not be reached: ${(error as Error).message}`, 0);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new HubRequestError('network', `the hub answered ${response.status} with something that is not JSON (a proxy?)`, response.status);
    }
    if (response.ok) return parsed as T;
    const error = (parsed as Partial<HubErrorBody> | undefined)?.error;
    if (!error) throw new HubRequestError('network', `the hub answered ${response.status} without an error body`, response.status);
    const retryHeader = Number(response.headers.get('retry-after'));
    const retryAfterMs = error.retryAfterMs ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader * 1000 : undefined);
    throw new HubRequestError(error.code, error.message, response.status, error.details ?? [], retryAfterMs);
  }

  return {
    enroll: (code) => call('POST', '/v1/enroll', { code }),
    me: () => call('GET', '/v1/me'),
    push: (request) => call('POST', '/v1/push', request),
    counts: (request) =>
      call('GET', `/v1/counts${queryString({ numberE164: request.numberE164, debtorRef: request.debtorRef, from: request.from, to: request.to, timeZone: request.timeZone })}`),
    flags: (after, limit) => call('GET', `/v1/flags${queryString({ after, limit })}`),
    teamSummary: (query = {}) => call('GET', `/v1/team/summary${queryString(query)}`),
    teamCalls: (query) => call('GET', `/v1/team/calls${queryString(query)}`),
    teamAgents: () => call('GET', '/v1/team/agents'),
    addAgent: (name) => call('POST', '/v1/team/agents', { name }),
    revokeAgent: (name) => call('POST', `/v1/team/agents/${encodeURIComponent(name)}/revoke`),
  };
}
