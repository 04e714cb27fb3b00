/**
 * Script pack format (`onscript-pack/2`, which still reads `onscript-pack/1`): the data a team lead writes and
 * signs, and the side panel walks through during a call. The JSON Schema twin of these types is
 * `script-pack.schema.json` beside this file; `parsePack` in `./index.ts` is the authority (it also checks
 * cross-references the schema cannot express).
 */
import type { DeliveredCalendars } from '../compliance/calendar-data.ts';

/** The format marker packs are written in now. */
export const PACK_FORMAT = 'onscript-pack/2';

/**
 * Every format `parsePack` reads. v2 adds the debt gate (`compliance.debtGate`, steps marked `open`) and the
 * forbidden phrases; a v1 pack reads as before, and a v1 pack that uses a v2 field is refused with the reason,
 * so an older OnScript never half-reads a newer pack.
 */
export const PACK_FORMATS = ['onscript-pack/1', PACK_FORMAT] as const;

/** A format marker `parsePack` reads. */
export type PackFormat = (typeof PACK_FORMATS)[number];

/** UI and script languages a pack may carry. */
export const PACK_LANGUAGES = ['zh-CN', 'en'] as const;

/** A language a pack may carry. */
export type PackLanguage = (typeof PACK_LANGUAGES)[number];

/**
 * A user-visible text in every language the pack declares in {@link ScriptPack.languages}.
 * Plain strings are never interpreted as HTML anywhere in OnScript.
 */
export type LocalizedText = { [L in PackLanguage]?: string };

/** Kinds of per-call form fields; they decide the input widget and how a value is formatted. */
export const VARIABLE_TYPES = ['text', 'money', 'date', 'number'] as const;

/** Kind of a per-call form field. */
export type VariableType = (typeof VARIABLE_TYPES)[number];

/**
 * A per-call form field that "say this" lines can refer to as `{{key}}`. `agent.*` and `company.*` fields are
 * usually prefilled from settings; `debt.*` and `customer.*` come from the case being worked.
 */
export interface VariableDefinition {
  /** Dotted name such as `debt.amount`: segments of letters and digits, each starting with a lower-case letter. */
  key: string;
  label: LocalizedText;
  type: VariableType;
  /** The agent is reminded to fill it before the step that uses it is read aloud. */
  required: boolean;
  /** For `money`: ISO 4217 code such as `CNY` or `USD`, used when formatting. */
  currency?: string;
  help?: LocalizedText;
}

/**
 * A line the agent reads aloud; `{{key}}` placeholders are filled from the per-call form. `[[ … ]]` marks an
 * optional part, shown only when every variable inside it has a value, so an empty optional value drops its
 * words instead of leaving a gap (`…due on {{debt.dueDate}}[[, including {{debt.interest}} in fees]].`). No
 * Markdown.
 */
export interface SayLine {
  text: LocalizedText;
}

/** A checklist item. Ids are unique across the whole pack because gates on any step may name them. */
export interface CheckItem {
  id: string;
  label: LocalizedText;
  /** "Next" is refused on this step until the item is ticked (branch choices are not held back). */
  required: boolean;
  help?: LocalizedText;
}

/**
 * A branch the agent picks (keys 1-9). Exactly one of `next` (go to that step) or `disposition` (end the
 * script with that outcome code) is present.
 */
export interface ScriptChoice {
  label: LocalizedText;
  next?: string;
  disposition?: string;
}

/** Keeps a step locked until every named check (from any step) is ticked. */
export interface StepGate {
  requires: string[];
  /** Shown on the locked step; a generic message naming the missing checks is used when absent. */
  message?: LocalizedText;
}

/** One step of the script. */
export interface ScriptStep {
  id: string;
  title: LocalizedText;
  /** Guidance for the agent in the safe Markdown subset (see docs/script-packs.md). Never HTML. */
  body?: LocalizedText;
  say?: SayLine[];
  checks?: CheckItem[];
  choices?: ScriptChoice[];
  /** Where "Next" goes. A step needs `next`, `choices`, or both. */
  next?: string;
  gate?: StepGate;
  /**
   * (v2) The step may be reached before the debt gate is open: whoever answered may hear it (greeting, identity
   * check, wrong person, stop calling, callback), so it must say nothing about the debt. Every other step is
   * taken to speak of the debt and must be gated (see {@link PackCompliance.debtGate}).
   */
  open?: boolean;
}

/** An entry of the searchable objection / FAQ library. */
export interface Objection {
  id: string;
  question: LocalizedText;
  /** Safe Markdown subset. */
  answer: LocalizedText;
  /** Search keywords in any language; not translated and not shown as prose. */
  tags: string[];
  /** A step the panel offers to jump to from this answer (gates still apply). */
  goTo?: string;
}

/**
 * Facts an outcome code records, read by compliance (stop calling, how the call counts towards contact caps) and
 * exports. Compliance reads flags, never code spellings: a pack may call its voicemail outcome anything.
 */
export const DISPOSITION_FLAGS = [
  'cease',
  'wrongParty',
  'dispute',
  'promiseToPay',
  'callback',
  'hardship',
  'rightPartyContact',
  'voicemail',
  'noAnswer',
  'noConnect',
] as const;

/**
 * The flags that say how a call went on the line; a disposition carries at most one of them. Without one, the
 * call's signaling decides (connected: a conversation).
 */
export const CALL_OUTCOME_FLAGS = ['rightPartyContact', 'voicemail', 'noAnswer', 'noConnect'] as const satisfies readonly DispositionFlag[];

/** A fact an outcome code records. */
export type DispositionFlag = (typeof DISPOSITION_FLAGS)[number];

/** An outcome code the script can end with. */
export interface Disposition {
  /** Upper-case code such as `PTP` or `WRONG_PARTY`, as exported to CRMs. */
  code: string;
  label: LocalizedText;
  flags: DispositionFlag[];
}

/**
 * Ways a pack may make the compliance profile stricter. These can only tighten: the compliance engine takes
 * the later start, the earlier end and the lower limits of profile and pack.
 */
export interface ComplianceTightening {
  /** Local time `HH:MM` before which no call is placed. */
  earliestLocalTime?: string;
  /** Local time `HH:MM` from which no call is placed. */
  latestLocalTime?: string;
  maxAttemptsPerDay?: number;
  maxAttemptsPerWeek?: number;
  /** No calls on weekends and public holidays (adjusted working days count as working days). */
  avoidRestDays?: boolean;
}

/** The compliance profile a pack is written for. */
export interface PackCompliance {
  /** Profile id such as `CN-CBA-2026` or `US-FDCPA`. */
  profileId: string;
  tighten?: ComplianceTightening;
  /**
   * (v2) The checks that must all be ticked before any step may speak of the debt: the identity check, and where
   * the law asks for one, the debt-collector disclosure. Every step not marked `open` must be gated on them
   * (a step need not require a check it holds itself); `parsePack` warns where one is not.
   */
  debtGate?: string[];
  /**
   * (v2) Holiday and adjusted-working-day tables the calling-hours rules should know before a release ships them,
   * e.g. `{ "CN": { "2027": { "holidays": ["2027-01-01"], "workdays": ["2027-02-07"] } } }`. They add years and
   * closed days to the shipped calendars, never remove shipped holidays (lib/compliance/calendar-data.ts).
   */
  calendars?: DeliveredCalendars;
}

/**
 * (v2) Something agents must never say (a threat of arrest, posing as a court, telling the employer). The panel
 * shows it under "never say" when the agent searches the objections, and warns when the agent's notes mention
 * one of its terms.
 */
export interface ForbiddenPhrase {
  id: string;
  /** The kind of sentence, as an example of what not to say. */
  phrase: LocalizedText;
  /** Why not, naming the rule. */
  reason: LocalizedText;
  /**
   * Words that bring the entry up, in any language, matched in the notes and the search after NFKC
   * normalisation and case folding; terms in Latin letters match whole words only.
   */
  terms: string[];
}

/** A whole script pack, as `parsePack` returns it. */
export interface ScriptPack {
  format: PackFormat;
  /** Stable id, lower-case: letters, digits, `.`, `_`, `-`. Updates keep the id and raise the version. */
  id: string;
  /** Semantic version 2.0.0, e.g. `1.4.0`. */
  version: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Languages every text carries; non-empty, no duplicates. */
  languages: PackLanguage[];
  defaultLanguage: PackLanguage;
  compliance: PackCompliance;
  variables: VariableDefinition[];
  /** Id of the step a call starts on. */
  start: string;
  steps: ScriptStep[];
  objections: Objection[];
  dispositions: Disposition[];
  /** (v2) Phrases agents must never say; absent when the pack names none. */
  forbiddenPhrases?: ForbiddenPhrase[];
}

/** One validation finding, located by a JSON Pointer into the input (`''` is the root). */
export interface PackIssue {
  path: string;
  message: string;
}

/** What `parsePack` returns. Warnings never stop a pack from loading; they tell the lead what looks wrong. */
export type ParsePackResult =
  | { ok: true; pack: ScriptPack; warnings: PackIssue[] }
  | { ok: false; errors: PackIssue[]; warnings: PackIssue[] };

/** Signature algorithm of signed packs. */
export const SIGNATURE_ALG = 'Ed25519';

/** A public key file: `{ "alg": "Ed25519", "keyId": "...", "publicKey": "<base64 of 32 bytes>" }`. */
export interface PackPublicKey {
  alg: typeof SIGNATURE_ALG;
  keyId: string;
  publicKey: string;
}

/** A private key file: the 32-byte Ed25519 seed in base64. Keep it out of the extension and out of git. */
export interface PackPrivateKey {
  alg: typeof SIGNATURE_ALG;
  keyId: string;
  privateKey: string;
}

/** The signature block of a signed pack file. */
export interface PackSignature {
  alg: typeof SIGNATURE_ALG;
  keyId: string;
  /** Base64 of the 64-byte signature over the canonical JSON of `pack`. */
  value: string;
}

/** A signed pack file as published by a lead. */
export interface SignedPackFile {
  pack: ScriptPack;
  /** The channel stamp, signed with the pack when present (see {@link PackChannelStamp}). */
  channel?: PackChannelStamp;
  signature: PackSignature;
}

/**
 * What a lead signs beside the pack so a pack host can neither replay an older file (of any pack id) nor freeze
 * updates: the channel's id, a sequence number that grows with every file published on it, and when the file
 * stops being current. The signature then covers `{ channel, pack }`.
 */
export interface PackChannelStamp {
  /** The channel's name, e.g. `agency-collections` (the same rules as a key id). */
  id: string;
  /** Grows with every file published on the channel (1, 2, 3, …); a file never reuses one. */
  sequence: number;
  /** When the file stops being current (ISO 8601 date-time); a lead re-signs before then. */
  expiresAt: string;
}

/** What `verifySignedPack` returns. */
export type VerifySignedPackResult =
  | { ok: true; pack: ScriptPack; keyId: string; warnings: PackIssue[]; channel?: PackChannelStamp }
  | { ok: false; errors: PackIssue[] };
