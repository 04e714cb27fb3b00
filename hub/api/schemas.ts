/**
 * JSON Schemas of the v1 request bodies and query strings, built with TypeBox; Fastify validates every request
 * against them before a handler runs (sizes, patterns, required fields; unknown fields are dropped). The
 * compile-time checks at the end keep each schema and its hand-written type in ./types.ts identical.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  HUB_LIMITS,
  type AddAgentRequest,
  type CountsRequest,
  type EnrollRequest,
  type HubCallRecord,
  type PushAttempt,
  type PushCall,
  type PushFlag,
  type PushRequest,
} from './types.ts';

/** E.164: `+`, a non-zero digit, up to 15 digits in all. */
export const E164_PATTERN = '^\\+[1-9][0-9]{1,14}$';
const KEY_PATTERN = `^[A-Za-z0-9._:-]{1,${HUB_LIMITS.keyLength}}$`;
/** Epoch ms between 2000-01-01 and 2200-01-01: anything else is a unit mistake (seconds, microseconds). */
const EpochMs = Type.Integer({ minimum: 946_684_800_000, maximum: 7_258_118_400_000 });
const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
const Key = Type.String({ pattern: KEY_PATTERN });
const E164 = Type.String({ pattern: E164_PATTERN });
const DebtorRef = Text(HUB_LIMITS.debtorRefLength, 1);
const Outcome = Type.Union([Type.Literal('unanswered'), Type.Literal('voicemail'), Type.Literal('conversation'), Type.Literal('no-connect')]);
const Reason = Type.Union([Type.Literal('cease-request'), Type.Literal('wrong-number'), Type.Literal('dispute-pending')]);
const Scope = Type.Union([Type.Literal('number'), Type.Literal('debtor')]);
const strict = { additionalProperties: false } as const;

export const EnrollRequestSchema = Type.Object({ code: Text(64, 1) }, strict);

export const PushAttemptSchema = Type.Object(
  {
    key: Key,
    at: EpochMs,
    numberE164: E164,
    debtorRef: Type.Optional(DebtorRef),
    outcome: Outcome,
    callId: Type.Optional(Text(200, 1)),
  },
  strict,
);

export const HubCallRecordSchema = Type.Object(
  {
    id: Text(200, 1),
    direction: Type.Union([Type.Literal('outbound'), Type.Literal('inbound')]),
    remoteNumber: Text(64),
    numberE164: Type.Optional(E164),
    startedAt: EpochMs,
    connectedAt: Type.Optional(EpochMs),
    endedAt: Type.Optional(EpochMs),
    debtorRef: Type.Optional(DebtorRef),
    agentName: Type.Optional(Text(100)),
    disposition: Type.Optional(Text(64)),
    promiseToPay: Type.Optional(
      Type.Object(
        {
          amount: Type.String({ pattern: '^[0-9]{1,30}(\\.[0-9]{1,12})?$' }),
          currency: Type.String({ pattern: '^[A-Z]{3}$' }),
          date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
        },
        strict,
      ),
    ),
    callbackAt: Type.Optional(EpochMs),
    packId: Type.Optional(Text(128)),
    packVersion: Type.Optional(Type.Union([Text(64), Type.Number()])),
    notes: Type.Optional(Text(HUB_LIMITS.notesLength)),
    complianceEvents: Type.Optional(
      Type.Array(
        Type.Object(
          {
            at: EpochMs,
            kind: Type.Union([Type.Literal('warning'), Type.Literal('override'), Type.Literal('block')]),
            code: Text(64, 1),
            detail: Text(1000),
            reason: Type.Optional(Text(1000)),
          },
          strict,
        ),
        { maxItems: 100 },
      ),
    ),
  },
  strict,
);

export const PushCallSchema = Type.Object(
  { key: Key, revision: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), call: HubCallRecordSchema },
  strict,
);

export const PushFlagSchema = Type.Object(
  {
    key: Key,
    op: Type.Union([Type.Literal('set'), Type.Literal('clear')]),
    scope: Scope,
    numberE164: Type.Optional(E164),
    debtorRef: Type.Optional(DebtorRef),
    reason: Reason,
    at: EpochMs,
    note: Type.Optional(Text(500)),
  },
  strict,
);

const items = <T extends TSchema>(schema: T) => Type.Optional(Type.Array(schema, { maxItems: HUB_LIMITS.pushItems }));

export const PushRequestSchema = Type.Object(
  { attempts: items(PushAttemptSchema), calls: items(PushCallSchema), flags: items(PushFlagSchema) },
  strict,
);

/** Query strings arrive as text; Fastify's validator turns the numeric ones into numbers. */
export const CountsQuerySchema = Type.Object(
  {
    numberE164: Type.Optional(E164),
    debtorRef: Type.Optional(DebtorRef),
    from: EpochMs,
    to: EpochMs,
    timeZone: Text(64, 1),
  },
  strict,
);

export const FlagsQuerySchema = Type.Object(
  {
    after: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HUB_LIMITS.flagsPage })),
  },
  strict,
);

export const DateQuerySchema = Type.Object(
  {
    date: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })),
    timeZone: Type.Optional(Text(64, 1)),
  },
  strict,
);

export const ExportQuerySchema = Type.Object(
  {
    from: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
    to: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })),
    timeZone: Type.Optional(Text(64, 1)),
  },
  strict,
);

export const TeamCallsQuerySchema = Type.Object(
  {
    numberE164: Type.Optional(E164),
    debtorRef: Type.Optional(DebtorRef),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  strict,
);

export const AddAgentRequestSchema = Type.Object(
  { name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$' }) },
  strict,
);

export const AgentNameParamsSchema = Type.Object({ name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$' }) }, strict);

// Compile-time: each schema accepts exactly the type the extension is told about in ./types.ts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<Static<typeof EnrollRequestSchema>, EnrollRequest>>();
agree<Same<Static<typeof PushAttemptSchema>, PushAttempt>>();
agree<Same<Static<typeof HubCallRecordSchema>, HubCallRecord>>();
agree<Same<Static<typeof PushCallSchema>, PushCall>>();
agree<Same<Static<typeof PushFlagSchema>, PushFlag>>();
agree<Same<Static<typeof PushRequestSchema>, PushRequest>>();
agree<Same<Static<typeof CountsQuerySchema>, CountsRequest>>();
agree<Same<Static<typeof AddAgentRequestSchema>, AddAgentRequest>>();
