/**
 * The OnScript Team Hub's wire format, version 1 (`/v1/...`): every request and response body, as the
 * extension sends and reads them. Pure types and constants: no imports, no Node or browser APIs, so the
 * extension's background can import this module (and {@link ./client.ts}) as is.
 *
 * Conventions: instants are epoch milliseconds (integers); phone numbers are E.164 (`+8613800138000`); days are
 * `YYYY-MM-DD` in the IANA time zone the request names. Unknown fields in a request are ignored, so a newer
 * extension can talk to an older hub; fields are only ever added to responses, never renamed or removed within v1.
 * Every error is {@link HubErrorBody} with a stable {@link HubErrorCode}.
 */

/** The API version this module describes; the path prefix is `/v1`. */
export const HUB_API_VERSION = 1;

/** What became of a dial (the same values as lib/compliance's `AttemptOutcome`). */
export type HubAttemptOutcome = 'unanswered' | 'voicemail' | 'conversation' | 'no-connect';

/** Why calls must stop (the same values as lib/compliance's `DoNotCallReason`). */
export type HubDoNotCallReason = 'cease-request' | 'wrong-number' | 'dispute-pending';

/** What a do-not-call flag is on: one number, or a debtor (all their numbers). */
export type HubFlagScope = 'number' | 'debtor';

/** A caller's role: agents push and read their team's counts; leads also read the team's calls. */
export type HubRole = 'agent' | 'lead';

/** Limits the hub enforces on every request (larger values get `invalid-request`). */
export const HUB_LIMITS = {
  /** Items (attempts + calls + flags) in one push. */
  pushItems: 500,
  /** Bytes of one request body. */
  bodyBytes: 1_048_576,
  /** Characters of an idempotency key (letters, digits and `._:-`). */
  keyLength: 128,
  /** Characters of a debtor reference. */
  debtorRefLength: 128,
  /** Characters of a call's notes. */
  notesLength: 20_000,
  /** Days a counts window may span. */
  countsWindowDays: 62,
  /** Flag events in one page of `GET /v1/flags`. */
  flagsPage: 500,
  /** The caller's own attempts listed in one counts answer (`own`). */
  ownAttempts: 1000,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Enrollment and identity

/** `POST /v1/enroll` (no token): exchanges the one-time code the lead handed out for a bearer token. */
export interface EnrollRequest {
  /** The code as printed (`ABCD-EFGH-JKMN`); case, spaces and dashes do not matter. */
  code: string;
}

/** Who a token belongs to. */
export interface HubIdentity {
  agent: string;
  team: string;
  role: HubRole;
}

/** Reply to {@link EnrollRequest}. The token is shown once; keep it (the hub stores only its hash). */
export interface EnrollResponse extends HubIdentity {
  /** Send as `Authorization: Bearer <token>` on every other request. */
  token: string;
}

/** Reply to `GET /v1/me`. */
export type MeResponse = HubIdentity;

// ---------------------------------------------------------------------------------------------------------------
// Push: `POST /v1/push`

/** One dial with its outcome, as the contact caps count it. */
export interface PushAttempt {
  /** Idempotency key, unique per agent (e.g. the outbox entry's id). The same key always names the same item. */
  key: string;
  /** When the number was dialled. */
  at: number;
  numberE164: string;
  debtorRef?: string;
  outcome: HubAttemptOutcome;
  /** The call record this attempt belongs to, when known. */
  callId?: string;
}

/** A promise to pay: exact decimal amount, ISO 4217 currency, payment date. */
export interface HubPromiseToPay {
  /** Decimal string (`"1250.50"`), never a float. */
  amount: string;
  currency: string;
  /** `YYYY-MM-DD`. */
  date: string;
}

/** A compliance event kept with a call (warning shown, override taken, call blocked). */
export interface HubComplianceEvent {
  at: number;
  kind: 'warning' | 'override' | 'block';
  code: string;
  detail: string;
  reason?: string;
}

/**
 * A call record with its wrap-up, as the agent's export has it. The extension's `ExportableCall` (lib/export)
 * fits this shape as is; fields the hub does not know are dropped.
 */
export interface HubCallRecord {
  id: string;
  direction: 'outbound' | 'inbound';
  /** The number as the dialer signalled it. */
  remoteNumber: string;
  numberE164?: string;
  startedAt: number;
  connectedAt?: number;
  endedAt?: number;
  debtorRef?: string;
  /** Name typed at wrap-up (the hub also records who pushed the call). */
  agentName?: string;
  disposition?: string;
  promiseToPay?: HubPromiseToPay;
  callbackAt?: number;
  packId?: string;
  packVersion?: string | number;
  notes?: string;
  complianceEvents?: HubComplianceEvent[];
}

/** A new version of one call record. */
export interface PushCall {
  key: string;
  /** Grows with each change of this call in the browser (e.g. the epoch ms of the change); the hub keeps the highest. */
  revision: number;
  call: HubCallRecord;
}

/** A do-not-call flag set or cleared. */
export interface PushFlag {
  key: string;
  op: 'set' | 'clear';
  scope: HubFlagScope;
  /** Required when `scope` is `number`, absent otherwise. */
  numberE164?: string;
  /** Required when `scope` is `debtor`, absent otherwise. */
  debtorRef?: string;
  reason: HubDoNotCallReason;
  /** When it was set or cleared. */
  at: number;
  note?: string;
}

/** Body of `POST /v1/push`: any mix of items, at most {@link HUB_LIMITS}.pushItems in all. */
export interface PushRequest {
  attempts?: PushAttempt[];
  calls?: PushCall[];
  flags?: PushFlag[];
}

/**
 * Reply to {@link PushRequest}: every key of the request is in exactly one list. `duplicate` means the hub already
 * had the item (or a newer revision of the call): nothing changed, and the outbox may drop it like a new one.
 */
export interface PushResponse {
  new: string[];
  duplicate: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Counts: `GET /v1/counts?numberE164=&debtorRef=&from=&to=&timeZone=`

/** Query of `GET /v1/counts` (sent as query parameters). At least one of `numberE164` and `debtorRef`. */
export interface CountsRequest {
  numberE164?: string;
  debtorRef?: string;
  /** Window start (inclusive), epoch ms. */
  from: number;
  /** Window end (exclusive), epoch ms; at most {@link HUB_LIMITS}.countsWindowDays after `from`. */
  to: number;
  /** IANA zone whose calendar days the attempts are grouped by (the debtor's zone the caps count in). */
  timeZone: string;
}

/**
 * How an attempt relates to the queried debtor: `same` debtor reference, `none` (the attempt has no reference),
 * or `other` (another debtor's reference, or no debtor was queried).
 */
export type CountsDebtorMatch = 'same' | 'none' | 'other';

/** Attempts of one local day, one outcome and one relation to the query. */
export interface CountsBucket {
  /** `YYYY-MM-DD` in the request's time zone. */
  day: string;
  outcome: HubAttemptOutcome;
  debtor: CountsDebtorMatch;
  /** True when the attempts dialled the queried number. */
  sameNumber: boolean;
  count: number;
  /** The latest attempt of the bucket (an instant inside `day`). */
  lastAt: number;
}

/** An active do-not-call flag; fits lib/compliance's `DoNotCallFlag`. */
export interface ActiveFlag {
  reason: HubDoNotCallReason;
  scope: HubFlagScope;
  phoneE164?: string;
  debtorRef?: string;
  setAt: number;
  note?: string;
  /** The agent who set it. */
  setBy: string;
}

/**
 * One of the caller's own attempts among those counted (in `buckets` too), with the key it was pushed under, so a
 * browser that also counts its own call log can leave out what the hub already has (no double counting).
 */
export interface OwnAttempt {
  key: string;
  /** `YYYY-MM-DD` in the request's time zone: the bucket it is counted in. */
  day: string;
  at: number;
  outcome: HubAttemptOutcome;
  debtor: CountsDebtorMatch;
  sameNumber: boolean;
}

/** Reply to {@link CountsRequest}: the team's attempts in the window and the flags in force now. */
export interface CountsResponse {
  buckets: CountsBucket[];
  /**
   * The caller's own attempts among `buckets`, at most {@link HUB_LIMITS}.ownAttempts of them, newest first (added in
   * v1 after the first release: an older hub leaves it out).
   */
  own?: OwnAttempt[];
  /** Latest conversation in the window with the queried debtor, or null. */
  lastConversationWithDebtorAt: number | null;
  /** Latest conversation in the window on the queried number, or null. */
  lastConversationOnNumberAt: number | null;
  /** Flags on the queried number or debtor in force now. */
  flags: ActiveFlag[];
  /** The hub's clock when it answered. */
  asOf: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Flags feed: `GET /v1/flags?after=CURSOR&limit=N`

/** One flag set or cleared by someone in the team: the pushed item without its key, and who and when. */
export interface FlagEvent extends Omit<PushFlag, 'key'> {
  /** Position in the team's feed; pass the last one as `after` to read on. */
  cursor: string;
  agent: string;
  receivedAt: number;
}

/** Reply of `GET /v1/flags`: events after the cursor, oldest first. */
export interface FlagsResponse {
  events: FlagEvent[];
  /** Pass as `after` next time (unchanged when there was nothing new). */
  cursor: string;
  /** More events are waiting: ask again at once. */
  more: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Lead: `GET /v1/team/summary`, `GET /v1/team/calls`, `GET /v1/team/export.csv`, `/v1/team/agents`

/** One agent's day in `GET /v1/team/summary?date=&timeZone=`. */
export interface AgentDaySummary {
  agent: string;
  calls: number;
  /** Calls that were answered. */
  connects: number;
  talkSeconds: number;
  promises: number;
  /** Compliance overrides taken. */
  overrides: number;
}

/** Reply of `GET /v1/team/summary`. */
export interface TeamSummaryResponse {
  team: string;
  date: string;
  timeZone: string;
  agents: AgentDaySummary[];
}

/** A call as the lead sees it: the record plus who pushed it. */
export interface TeamCall extends HubCallRecord {
  /** The enrolled agent who pushed the record. */
  hubAgent: string;
}

/** Reply of `GET /v1/team/calls?debtorRef=|numberE164=&limit=`, newest first. */
export interface TeamCallsResponse {
  calls: TeamCall[];
}

/** An agent of the team as the lead sees it. */
export interface TeamAgent {
  name: string;
  role: HubRole;
  createdAt: number;
  enrolledAt: number | null;
  revokedAt: number | null;
}

/** Reply of `GET /v1/team/agents`. */
export interface TeamAgentsResponse {
  agents: TeamAgent[];
}

/** `POST /v1/team/agents`: a lead adds an agent to their team. */
export interface AddAgentRequest {
  name: string;
}

/** Reply of {@link AddAgentRequest}: hand the code to the agent; it works once, before `expiresAt`. */
export interface AddAgentResponse {
  name: string;
  enrollmentCode: string;
  expiresAt: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** Stable machine codes of every error the hub returns. */
export type HubErrorCode =
  | 'invalid-request'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'unauthorized'
  | 'revoked'
  | 'enrollment-invalid'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

/** One problem in a request, with the JSON path it was found at (`/attempts/3/numberE164`). */
export interface HubErrorDetail {
  path: string;
  message: string;
}

/** Body of every error response. */
export interface HubErrorBody {
  error: {
    code: HubErrorCode;
    /** English, one sentence, safe to show. */
    message: string;
    details?: HubErrorDetail[];
    /** For `rate-limited`: when to try again, in ms. */
    retryAfterMs?: number;
  };
}
