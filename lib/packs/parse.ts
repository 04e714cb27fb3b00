/**
 * `parsePack`: validates untrusted pack input and returns a freshly built pack holding only known fields.
 * Structure is checked first (every finding reported with its JSON Pointer path); cross-references (ids, step
 * links, gates, variables, reachability) are checked once the structure is sound, so each error is real.
 */
import { checkDebtGates } from './gates.ts';
import { parseDeliveredCalendars, type DeliveredCalendars } from '../compliance/calendar-data.ts';
import { pointerSegment, readJsonDocument } from './json-guard.ts';
import { splitSayTemplate } from './say-template.ts';
import {
  CALL_OUTCOME_FLAGS,
  DISPOSITION_FLAGS,
  PACK_FORMAT,
  PACK_FORMATS,
  PACK_LANGUAGES,
  VARIABLE_TYPES,
  type CheckItem,
  type ComplianceTightening,
  type Disposition,
  type DispositionFlag,
  type ForbiddenPhrase,
  type LocalizedText,
  type Objection,
  type PackCompliance,
  type PackIssue,
  type PackFormat,
  type PackLanguage,
  type ParsePackResult,
  type SayLine,
  type ScriptChoice,
  type ScriptPack,
  type ScriptStep,
  type StepGate,
  type VariableDefinition,
  type VariableType,
} from './types.ts';
import { isSemver } from './versions.ts';

/** Pack id: lower-case letters, digits, `.`, `_`, `-`; at most 64 characters. */
export const PACK_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Step, check and objection ids: lower-case letters, digits, `_`, `-`; at most 64 characters. */
export const ITEM_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Disposition codes: upper-case letters, digits, `_`; at most 32 characters. */
export const DISPOSITION_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,31}$/;
/** Variable keys: up to four dotted segments such as `debt.amount`. */
export const VARIABLE_KEY_PATTERN = /^[a-z][a-zA-Z0-9]{0,31}(?:\.[a-z][a-zA-Z0-9]{0,31}){0,3}$/;
/** Compliance profile ids such as `CN-CBA-2026`. */
export const PROFILE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LOCAL_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
// Names that reach prototypes when used as plain-object keys by downstream code.
const RESERVED_NAMES = new Set(['constructor', 'prototype', 'hasownproperty', 'tostring', 'valueof']);
// C0 controls other than tab, line feed and carriage return, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const HTML_LIKE = /<\s*\/?\s*[a-zA-Z!][^>]*>|javascript:/i;
/** `{{ key }}` placeholders in say lines. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Size limits, in characters or items. */
export const PACK_LIMITS = {
  titleLength: 200,
  labelLength: 500,
  sayLength: 2000,
  markdownLength: 8000,
  tagLength: 40,
  tags: 30,
  steps: 200,
  sayLines: 20,
  checks: 20,
  // Choices are picked with the keys 1-9.
  choices: 9,
  gateRequires: 20,
  variables: 50,
  objections: 500,
  dispositions: 50,
  forbiddenPhrases: 200,
  debtGate: 5,
} as const;

/** Maximum issues returned, so a broken file does not produce thousands. */
const MAX_ISSUES = 200;

const LANGUAGE_NAMES: Record<PackLanguage, string> = { 'zh-CN': 'Chinese', en: 'English' };

type Fields = Record<string, unknown>;

class Report {
  readonly errors: PackIssue[] = [];
  readonly warnings: PackIssue[] = [];
  error(path: string, message: string): void {
    if (this.errors.length < MAX_ISSUES) this.errors.push({ path, message });
  }
  warn(path: string, message: string): void {
    if (this.warnings.length < MAX_ISSUES) this.warnings.push({ path, message });
  }
}

/**
 * Validates a script pack and returns a fresh copy that holds only the fields of its format (v1 or v2).
 * @param input - Pack JSON text or an already-parsed value (never trusted either way).
 * @returns `{ ok: true, pack, warnings }`, or `{ ok: false, errors, warnings }` where each issue carries a JSON
 * Pointer path such as `/steps/3/choices/0/next` (`''` is the whole document).
 */
export function parsePack(input: unknown): ParsePackResult {
  const read = readJsonDocument(input);
  if (!read.ok) return { ok: false, errors: read.errors, warnings: [] };
  const report = new Report();
  const pack = new PackReader(report).readPack(read.value);
  if (pack && report.errors.length === 0) checkReferences(pack, report);
  if (!pack || report.errors.length > 0) return { ok: false, errors: report.errors, warnings: report.warnings };
  return { ok: true, pack, warnings: report.warnings };
}

class PackReader {
  private languages: PackLanguage[] = [...PACK_LANGUAGES];
  /** The format being read; v2 fields in a v1 pack are refused (an older OnScript would refuse them too). */
  private format: PackFormat = PACK_FORMAT;

  constructor(private readonly report: Report) {}

  readPack(value: unknown): ScriptPack | undefined {
    const fields = this.object(value, '', {
      required: ['format', 'id', 'version', 'title', 'languages', 'defaultLanguage', 'compliance', 'start', 'steps', 'dispositions'],
      optional: ['description', 'variables', 'objections', 'forbiddenPhrases'],
    });
    if (!fields) return undefined;
    const format = fields.format;
    const knownFormat = (PACK_FORMATS as readonly unknown[]).includes(format);
    if (format !== undefined && !knownFormat) {
      this.report.error('/format', `unsupported format ${JSON.stringify(format)}; this version reads ${PACK_FORMATS.map((known) => `"${known}"`).join(' and ')}`);
    }
    if (knownFormat) this.format = format as PackFormat;
    this.requireV2(fields.forbiddenPhrases, '/forbiddenPhrases');
    const id = this.string(fields.id, '/id', { pattern: PACK_ID_PATTERN, patternHint: 'lower-case letters, digits, ".", "_", "-" (at most 64)' });
    const version = this.string(fields.version, '/version', { max: 64 });
    if (version !== undefined && !isSemver(version)) {
      this.report.error('/version', `"${version}" is not a semantic version (for example 1.4.0)`);
    }
    const languages = this.readLanguages(fields.languages);
    const defaultLanguage = this.language(fields.defaultLanguage, '/defaultLanguage');
    if (defaultLanguage && languages && !languages.includes(defaultLanguage)) {
      this.report.error('/defaultLanguage', `"${defaultLanguage}" is not one of the pack's languages`);
    }
    const title = this.text(fields.title, '/title', PACK_LIMITS.titleLength);
    const description = fields.description === undefined ? undefined : this.text(fields.description, '/description', PACK_LIMITS.markdownLength);
    const compliance = this.readCompliance(fields.compliance);
    const variables = this.list(fields.variables ?? [], '/variables', PACK_LIMITS.variables, 0, (item, path) => this.readVariable(item, path));
    const start = this.string(fields.start, '/start', { pattern: ITEM_ID_PATTERN, patternHint: 'a step id' });
    const steps = this.list(fields.steps, '/steps', PACK_LIMITS.steps, 1, (item, path) => this.readStep(item, path));
    const objections = this.list(fields.objections ?? [], '/objections', PACK_LIMITS.objections, 0, (item, path) => this.readObjection(item, path));
    const dispositions = this.list(fields.dispositions, '/dispositions', PACK_LIMITS.dispositions, 1, (item, path) => this.readDisposition(item, path));
    const forbiddenPhrases =
      fields.forbiddenPhrases === undefined
        ? []
        : this.list(fields.forbiddenPhrases, '/forbiddenPhrases', PACK_LIMITS.forbiddenPhrases, 0, (item, path) => this.readForbiddenPhrase(item, path));
    if (
      !knownFormat ||
      id === undefined ||
      version === undefined ||
      !languages ||
      !defaultLanguage ||
      !title ||
      !compliance ||
      !variables ||
      start === undefined ||
      !steps ||
      !objections ||
      !dispositions ||
      !forbiddenPhrases
    ) {
      return undefined;
    }
    return {
      format: this.format,
      id,
      version,
      title,
      ...(description ? { description } : {}),
      languages,
      defaultLanguage,
      compliance,
      variables,
      start,
      steps,
      objections,
      dispositions,
      ...(fields.forbiddenPhrases !== undefined ? { forbiddenPhrases } : {}),
    };
  }

  /** Reports a v2 field found in a v1 pack. */
  private requireV2(value: unknown, path: string): void {
    if (value !== undefined && this.format === 'onscript-pack/1') {
      this.report.error(path, `this field needs "format": "${PACK_FORMAT}" (a reader of "onscript-pack/1" would refuse the pack)`);
    }
  }

  private readLanguages(value: unknown): PackLanguage[] | undefined {
    if (!Array.isArray(value)) {
      this.report.error('/languages', 'must be a list such as ["zh-CN", "en"]');
      return undefined;
    }
    if (value.length === 0) {
      this.report.error('/languages', 'must name at least one language');
      return undefined;
    }
    const languages: PackLanguage[] = [];
    value.forEach((item: unknown, index) => {
      const language = this.language(item, `/languages/${index}`);
      if (!language) return;
      if (languages.includes(language)) this.report.error(`/languages/${index}`, `"${language}" is listed twice`);
      else languages.push(language);
    });
    if (languages.length !== value.length) return undefined;
    // Texts are checked against the declared languages, so read them before any text.
    this.languages = languages;
    return languages;
  }

  private language(value: unknown, path: string): PackLanguage | undefined {
    if (typeof value === 'string' && (PACK_LANGUAGES as readonly string[]).includes(value)) return value as PackLanguage;
    this.report.error(path, `must be one of ${PACK_LANGUAGES.map((l) => `"${l}"`).join(', ')}`);
    return undefined;
  }

  private readCompliance(value: unknown): PackCompliance | undefined {
    const fields = this.object(value, '/compliance', { required: ['profileId'], optional: ['tighten', 'debtGate', 'calendars'] });
    if (!fields) return undefined;
    this.requireV2(fields.debtGate, '/compliance/debtGate');
    const debtGate =
      fields.debtGate === undefined
        ? undefined
        : this.list(fields.debtGate, '/compliance/debtGate', PACK_LIMITS.debtGate, 1, (item, path) => this.itemId(item, path));
    const profileId = this.string(fields.profileId, '/compliance/profileId', { pattern: PROFILE_ID_PATTERN, patternHint: 'a profile id such as CN-CBA-2026' });
    let tighten: ComplianceTightening | undefined;
    let tightenOk = true;
    if (fields.tighten !== undefined) {
      tighten = this.readTightening(fields.tighten);
      tightenOk = tighten !== undefined;
    }
    this.requireV2(fields.calendars, '/compliance/calendars');
    const calendars = fields.calendars === undefined ? undefined : this.readCalendars(fields.calendars);
    if (profileId === undefined || !tightenOk || (fields.debtGate !== undefined && !debtGate) || calendars === null) return undefined;
    const compliance: PackCompliance = { profileId };
    if (tighten) compliance.tighten = tighten;
    if (debtGate) compliance.debtGate = debtGate;
    if (calendars) compliance.calendars = calendars;
    return compliance;
  }

  /** Holiday tables (lib/compliance/calendar-data.ts); any refused part refuses the pack (null). */
  private readCalendars(value: unknown): DeliveredCalendars | null {
    const { calendars, errors } = parseDeliveredCalendars(value);
    for (const issue of errors) this.report.error(`/compliance/calendars${issue.path}`, issue.message);
    return errors.length > 0 ? null : calendars;
  }

  private readTightening(value: unknown): ComplianceTightening | undefined {
    const base = '/compliance/tighten';
    const fields = this.object(value, base, {
      required: [],
      optional: ['earliestLocalTime', 'latestLocalTime', 'maxAttemptsPerDay', 'maxAttemptsPerWeek', 'avoidRestDays'],
    });
    if (!fields) return undefined;
    const errorsBefore = this.report.errors.length;
    const tighten: ComplianceTightening = {};
    for (const key of ['earliestLocalTime', 'latestLocalTime'] as const) {
      if (fields[key] === undefined) continue;
      const time = this.string(fields[key], `${base}/${key}`, { pattern: LOCAL_TIME_PATTERN, patternHint: 'a 24-hour time HH:MM' });
      if (time !== undefined) tighten[key] = time;
    }
    if (tighten.earliestLocalTime && tighten.latestLocalTime && tighten.earliestLocalTime >= tighten.latestLocalTime) {
      this.report.error(`${base}/latestLocalTime`, 'must be later than earliestLocalTime');
    }
    for (const key of ['maxAttemptsPerDay', 'maxAttemptsPerWeek'] as const) {
      const limit = fields[key];
      if (limit === undefined) continue;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 100) {
        this.report.error(`${base}/${key}`, 'must be a whole number from 0 to 100');
      } else tighten[key] = limit;
    }
    if (fields.avoidRestDays !== undefined) {
      if (typeof fields.avoidRestDays !== 'boolean') this.report.error(`${base}/avoidRestDays`, 'must be true or false');
      else tighten.avoidRestDays = fields.avoidRestDays;
    }
    return this.report.errors.length === errorsBefore ? tighten : undefined;
  }

  private readVariable(value: unknown, path: string): VariableDefinition | undefined {
    const fields = this.object(value, path, { required: ['key', 'label', 'type', 'required'], optional: ['currency', 'help'] });
    if (!fields) return undefined;
    const key = this.string(fields.key, `${path}/key`, { pattern: VARIABLE_KEY_PATTERN, patternHint: 'dotted names such as debt.amount' });
    if (key !== undefined && key.split('.').some((segment) => RESERVED_NAMES.has(segment.toLowerCase()))) {
      this.report.error(`${path}/key`, `"${key}" uses a reserved name`);
    }
    const label = this.text(fields.label, `${path}/label`, PACK_LIMITS.labelLength);
    let type: VariableType | undefined;
    if (typeof fields.type === 'string' && (VARIABLE_TYPES as readonly string[]).includes(fields.type)) type = fields.type as VariableType;
    else this.report.error(`${path}/type`, `must be one of ${VARIABLE_TYPES.join(', ')}`);
    const required = this.boolean(fields.required, `${path}/required`);
    let currency: string | undefined;
    if (fields.currency !== undefined) {
      currency = this.string(fields.currency, `${path}/currency`, { pattern: CURRENCY_PATTERN, patternHint: 'an ISO 4217 code such as CNY' });
      if (type !== undefined && type !== 'money') this.report.error(`${path}/currency`, 'only money variables have a currency');
    }
    const help = fields.help === undefined ? undefined : this.text(fields.help, `${path}/help`, PACK_LIMITS.labelLength);
    if (key === undefined || !label || !type || required === undefined) return undefined;
    const variable: VariableDefinition = { key, label, type, required };
    if (currency !== undefined) variable.currency = currency;
    if (help) variable.help = help;
    return variable;
  }

  private readStep(value: unknown, path: string): ScriptStep | undefined {
    const fields = this.object(value, path, { required: ['id', 'title'], optional: ['body', 'say', 'checks', 'choices', 'next', 'gate', 'open'] });
    if (!fields) return undefined;
    const errorsBefore = this.report.errors.length;
    this.requireV2(fields.open, `${path}/open`);
    const id = this.itemId(fields.id, `${path}/id`);
    const title = this.text(fields.title, `${path}/title`, PACK_LIMITS.titleLength);
    const step: ScriptStep = { id: id ?? '', title: title ?? {} };
    if (fields.body !== undefined) {
      const body = this.text(fields.body, `${path}/body`, PACK_LIMITS.markdownLength);
      if (body) {
        step.body = body;
        if (Object.values(body).some((text) => /\{\{[^{}]*\}\}/.test(text ?? ''))) {
          this.report.warn(`${path}/body`, 'variables are only filled in say lines; {{...}} in a body stays as typed');
        }
      }
    }
    if (fields.say !== undefined) {
      const say = this.list(fields.say, `${path}/say`, PACK_LIMITS.sayLines, 0, (item, itemPath) => {
        const line = this.object(item, itemPath, { required: ['text'], optional: [] });
        if (!line) return undefined;
        const text = this.text(line.text, `${itemPath}/text`, PACK_LIMITS.sayLength);
        return text ? ({ text } satisfies SayLine) : undefined;
      });
      if (say) step.say = say;
    }
    if (fields.checks !== undefined) {
      const checks = this.list(fields.checks, `${path}/checks`, PACK_LIMITS.checks, 0, (item, itemPath) => this.readCheck(item, itemPath));
      if (checks) step.checks = checks;
    }
    if (fields.choices !== undefined) {
      const choices = this.list(fields.choices, `${path}/choices`, PACK_LIMITS.choices, 0, (item, itemPath) => this.readChoice(item, itemPath));
      if (choices) step.choices = choices;
    }
    if (fields.next !== undefined) {
      const next = this.itemId(fields.next, `${path}/next`);
      if (next !== undefined) step.next = next;
    }
    if (fields.gate !== undefined) {
      const gate = this.readGate(fields.gate, `${path}/gate`);
      if (gate) step.gate = gate;
    }
    if (fields.open !== undefined) {
      // Only `true` is written: a step is gated unless it says otherwise.
      const open = this.boolean(fields.open, `${path}/open`);
      if (open) step.open = true;
    }
    return this.report.errors.length === errorsBefore ? step : undefined;
  }

  private readCheck(value: unknown, path: string): CheckItem | undefined {
    const fields = this.object(value, path, { required: ['id', 'label', 'required'], optional: ['help'] });
    if (!fields) return undefined;
    const id = this.itemId(fields.id, `${path}/id`);
    const label = this.text(fields.label, `${path}/label`, PACK_LIMITS.labelLength);
    const required = this.boolean(fields.required, `${path}/required`);
    const help = fields.help === undefined ? undefined : this.text(fields.help, `${path}/help`, PACK_LIMITS.labelLength);
    if (id === undefined || !label || required === undefined) return undefined;
    const check: CheckItem = { id, label, required };
    if (help) check.help = help;
    return check;
  }

  private readChoice(value: unknown, path: string): ScriptChoice | undefined {
    const fields = this.object(value, path, { required: ['label'], optional: ['next', 'disposition'] });
    if (!fields) return undefined;
    const label = this.text(fields.label, `${path}/label`, PACK_LIMITS.labelLength);
    const hasNext = fields.next !== undefined;
    const hasDisposition = fields.disposition !== undefined;
    if (hasNext === hasDisposition) {
      this.report.error(path, 'a choice needs exactly one of "next" (a step id) or "disposition" (an outcome code)');
      return undefined;
    }
    const choice: ScriptChoice = { label: label ?? {} };
    if (hasNext) {
      const next = this.itemId(fields.next, `${path}/next`);
      if (next === undefined) return undefined;
      choice.next = next;
    } else {
      const code = this.string(fields.disposition, `${path}/disposition`, { pattern: DISPOSITION_CODE_PATTERN, patternHint: 'an outcome code such as PTP' });
      if (code === undefined) return undefined;
      choice.disposition = code;
    }
    return label ? choice : undefined;
  }

  private readGate(value: unknown, path: string): StepGate | undefined {
    const fields = this.object(value, path, { required: ['requires'], optional: ['message'] });
    if (!fields) return undefined;
    const requires = this.list(fields.requires, `${path}/requires`, PACK_LIMITS.gateRequires, 1, (item, itemPath) => this.itemId(item, itemPath));
    const message = fields.message === undefined ? undefined : this.text(fields.message, `${path}/message`, PACK_LIMITS.labelLength);
    if (!requires || (fields.message !== undefined && !message)) return undefined;
    const gate: StepGate = { requires };
    if (message) gate.message = message;
    return gate;
  }

  private readObjection(value: unknown, path: string): Objection | undefined {
    const fields = this.object(value, path, { required: ['id', 'question', 'answer', 'tags'], optional: ['goTo'] });
    if (!fields) return undefined;
    const id = this.itemId(fields.id, `${path}/id`);
    const question = this.text(fields.question, `${path}/question`, PACK_LIMITS.labelLength);
    const answer = this.text(fields.answer, `${path}/answer`, PACK_LIMITS.markdownLength);
    const tags = this.list(fields.tags, `${path}/tags`, PACK_LIMITS.tags, 0, (item, itemPath) =>
      this.string(item, itemPath, { max: PACK_LIMITS.tagLength, min: 1 }),
    );
    const goTo = fields.goTo === undefined ? undefined : this.itemId(fields.goTo, `${path}/goTo`);
    if (id === undefined || !question || !answer || !tags || (fields.goTo !== undefined && goTo === undefined)) return undefined;
    const objection: Objection = { id, question, answer, tags };
    if (goTo !== undefined) objection.goTo = goTo;
    return objection;
  }

  private readForbiddenPhrase(value: unknown, path: string): ForbiddenPhrase | undefined {
    const fields = this.object(value, path, { required: ['id', 'phrase', 'reason', 'terms'], optional: [] });
    if (!fields) return undefined;
    const id = this.itemId(fields.id, `${path}/id`);
    const phrase = this.text(fields.phrase, `${path}/phrase`, PACK_LIMITS.labelLength);
    const reason = this.text(fields.reason, `${path}/reason`, PACK_LIMITS.labelLength);
    const terms = this.list(fields.terms, `${path}/terms`, PACK_LIMITS.tags, 1, (item, itemPath) =>
      this.string(item, itemPath, { max: PACK_LIMITS.tagLength, min: 1 }),
    );
    if (id === undefined || !phrase || !reason || !terms) return undefined;
    return { id, phrase, reason, terms };
  }

  private readDisposition(value: unknown, path: string): Disposition | undefined {
    const fields = this.object(value, path, { required: ['code', 'label'], optional: ['flags'] });
    if (!fields) return undefined;
    const code = this.string(fields.code, `${path}/code`, { pattern: DISPOSITION_CODE_PATTERN, patternHint: 'upper-case letters, digits and "_" such as PTP' });
    const label = this.text(fields.label, `${path}/label`, PACK_LIMITS.labelLength);
    const flags = this.list(fields.flags ?? [], `${path}/flags`, DISPOSITION_FLAGS.length, 0, (item, itemPath) => {
      if (typeof item === 'string' && (DISPOSITION_FLAGS as readonly string[]).includes(item)) return item as DispositionFlag;
      this.report.error(itemPath, `must be one of ${DISPOSITION_FLAGS.join(', ')}`);
      return undefined;
    });
    if (flags && new Set(flags).size !== flags.length) this.report.error(`${path}/flags`, 'a flag is listed twice');
    const outcomes = flags?.filter((flag) => (CALL_OUTCOME_FLAGS as readonly string[]).includes(flag)) ?? [];
    if (outcomes.length > 1) {
      // Compliance counts the call by this flag: two of them would make the count depend on their order.
      this.report.error(`${path}/flags`, `a call went one way on the line: use at most one of ${CALL_OUTCOME_FLAGS.join(', ')} (found ${outcomes.join(', ')})`);
    }
    if (code === undefined || !label || !flags) return undefined;
    return { code, label, flags };
  }

  // ---- primitives ----

  private object(value: unknown, path: string, shape: { required: readonly string[]; optional: readonly string[] }): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report.error(path, 'must be an object');
      return undefined;
    }
    const fields = value as Fields;
    const known = new Set([...shape.required, ...shape.optional]);
    for (const key of Object.keys(fields)) {
      if (!known.has(key)) this.report.error(`${path}/${pointerSegment(key)}`, `unknown field "${key}"`);
    }
    for (const key of shape.required) {
      if (!Object.hasOwn(fields, key)) this.report.error(`${path}/${pointerSegment(key)}`, `missing required field "${key}"`);
    }
    // Reads go through own properties only, so inherited names can never be picked up.
    const own: Fields = {};
    for (const key of known) if (Object.hasOwn(fields, key)) own[key] = fields[key];
    return own;
  }

  private list<T>(value: unknown, path: string, max: number, min: number, readItem: (item: unknown, path: string) => T | undefined): T[] | undefined {
    if (!Array.isArray(value)) {
      this.report.error(path, 'must be a list');
      return undefined;
    }
    if (value.length < min) {
      this.report.error(path, min === 1 ? 'must not be empty' : `needs at least ${min} entries`);
      return undefined;
    }
    if (value.length > max) {
      this.report.error(path, `has ${value.length} entries; at most ${max} are allowed`);
      return undefined;
    }
    const items: T[] = [];
    let complete = true;
    value.forEach((item: unknown, index) => {
      const read = readItem(item, `${path}/${index}`);
      if (read === undefined) complete = false;
      else items.push(read);
    });
    return complete ? items : undefined;
  }

  private string(value: unknown, path: string, rules: { pattern?: RegExp; patternHint?: string; max?: number; min?: number }): string | undefined {
    if (typeof value !== 'string') {
      this.report.error(path, 'must be a string');
      return undefined;
    }
    if (rules.min !== undefined && value.trim().length < rules.min) {
      this.report.error(path, 'must not be empty');
      return undefined;
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.report.error(path, `is longer than ${rules.max} characters`);
      return undefined;
    }
    if (rules.pattern && !rules.pattern.test(value)) {
      this.report.error(path, `"${value.slice(0, 80)}" is not valid here: expected ${rules.patternHint ?? rules.pattern.source}`);
      return undefined;
    }
    if (CONTROL_CHARACTERS.test(value)) {
      this.report.error(path, 'contains control characters');
      return undefined;
    }
    return value;
  }

  private itemId(value: unknown, path: string): string | undefined {
    const id = this.string(value, path, { pattern: ITEM_ID_PATTERN, patternHint: 'lower-case letters, digits, "_" or "-" (at most 64)' });
    if (id !== undefined && RESERVED_NAMES.has(id)) {
      this.report.error(path, `"${id}" is a reserved name`);
      return undefined;
    }
    return id;
  }

  private boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.report.error(path, 'must be true or false');
    return undefined;
  }

  /** Reads a localized text; every declared language must be present and non-blank. */
  private text(value: unknown, path: string, maxLength: number): LocalizedText | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report.error(path, `must be an object of translations such as {"zh-CN": "...", "en": "..."}`);
      return undefined;
    }
    const fields = value as Fields;
    const errorsBefore = this.report.errors.length;
    const text: LocalizedText = {};
    for (const key of Object.keys(fields)) {
      const keyPath = `${path}/${pointerSegment(key)}`;
      if (!(PACK_LANGUAGES as readonly string[]).includes(key)) {
        this.report.error(keyPath, `unknown language "${key}"`);
      } else if (!this.languages.includes(key as PackLanguage)) {
        this.report.warn(keyPath, `"${key}" is not in /languages; this translation is dropped`);
      }
    }
    for (const language of this.languages) {
      const keyPath = `${path}/${language}`;
      const translation = Object.hasOwn(fields, language) ? fields[language] : undefined;
      if (translation === undefined || (typeof translation === 'string' && translation.trim() === '')) {
        this.report.error(keyPath, `missing ${LANGUAGE_NAMES[language]} translation (${language})`);
        continue;
      }
      const checked = this.string(translation, keyPath, { max: maxLength });
      if (checked === undefined) continue;
      if (HTML_LIKE.test(checked)) {
        this.report.warn(keyPath, 'looks like HTML or a script link; OnScript shows it as plain text');
      }
      text[language] = checked;
    }
    return this.report.errors.length === errorsBefore ? text : undefined;
  }
}

/** Ids of the steps reachable from `start` through `next`, choices and objection jumps. */
export function findReachableStepIds(pack: Pick<ScriptPack, 'start' | 'steps' | 'objections'>): Set<string> {
  const byId = new Map(pack.steps.map((step) => [step.id, step]));
  const reached = new Set<string>();
  const queue: string[] = [pack.start, ...pack.objections.flatMap((o) => (o.goTo ? [o.goTo] : []))];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    const step = byId.get(id);
    if (!step || reached.has(id)) continue;
    reached.add(id);
    if (step.next) queue.push(step.next);
    for (const choice of step.choices ?? []) if (choice.next) queue.push(choice.next);
  }
  return reached;
}

/** Placeholders in a say-line template, with their positions; `valid` is false for malformed keys. */
export function listPlaceholders(template: string): { key: string; valid: boolean }[] {
  return [...template.matchAll(PLACEHOLDER_PATTERN)].map((match) => {
    const key = match[1] ?? '';
    return { key, valid: VARIABLE_KEY_PATTERN.test(key) };
  });
}

function checkReferences(pack: ScriptPack, report: Report): void {
  const stepIndex = new Map<string, number>();
  pack.steps.forEach((step, index) => {
    if (stepIndex.has(step.id)) report.error(`/steps/${index}/id`, `duplicate step id "${step.id}" (also /steps/${stepIndex.get(step.id)})`);
    else stepIndex.set(step.id, index);
  });
  const checkOwner = new Map<string, number>();
  pack.steps.forEach((step, index) => {
    step.checks?.forEach((check, checkIndex) => {
      if (checkOwner.has(check.id)) {
        report.error(`/steps/${index}/checks/${checkIndex}/id`, `duplicate check id "${check.id}"; check ids are unique across the pack`);
      } else checkOwner.set(check.id, index);
    });
  });
  const dispositionCodes = new Set<string>();
  pack.dispositions.forEach((disposition, index) => {
    if (dispositionCodes.has(disposition.code)) report.error(`/dispositions/${index}/code`, `duplicate disposition code "${disposition.code}"`);
    dispositionCodes.add(disposition.code);
  });
  const variableKeys = new Set<string>();
  pack.variables.forEach((variable, index) => {
    if (variableKeys.has(variable.key)) report.error(`/variables/${index}/key`, `duplicate variable "${variable.key}"`);
    variableKeys.add(variable.key);
  });
  const phraseIds = new Set<string>();
  pack.forbiddenPhrases?.forEach((phrase, index) => {
    if (phraseIds.has(phrase.id)) report.error(`/forbiddenPhrases/${index}/id`, `duplicate forbidden phrase id "${phrase.id}"`);
    phraseIds.add(phrase.id);
  });
  pack.compliance.debtGate?.forEach((checkId, index) => {
    if (!checkOwner.has(checkId)) report.error(`/compliance/debtGate/${index}`, `no check has the id "${checkId}"`);
  });
  const objectionIds = new Set<string>();
  pack.objections.forEach((objection, index) => {
    if (objectionIds.has(objection.id)) report.error(`/objections/${index}/id`, `duplicate objection id "${objection.id}"`);
    objectionIds.add(objection.id);
    if (objection.goTo !== undefined && !stepIndex.has(objection.goTo)) {
      report.error(`/objections/${index}/goTo`, `no step has the id "${objection.goTo}"`);
    }
  });
  if (!stepIndex.has(pack.start)) report.error('/start', `no step has the id "${pack.start}"`);

  const usedVariables = new Set<string>();
  const optionalVariables = new Set(pack.variables.filter((variable) => !variable.required).map((variable) => variable.key));
  pack.steps.forEach((step, index) => {
    const path = `/steps/${index}`;
    if (step.next !== undefined && !stepIndex.has(step.next)) report.error(`${path}/next`, `no step has the id "${step.next}"`);
    if (step.next === undefined && (step.choices ?? []).length === 0) {
      report.error(path, 'the step is a dead end: give it "next" or at least one choice');
    }
    step.choices?.forEach((choice, choiceIndex) => {
      const choicePath = `${path}/choices/${choiceIndex}`;
      if (choice.next !== undefined && !stepIndex.has(choice.next)) report.error(`${choicePath}/next`, `no step has the id "${choice.next}"`);
      if (choice.disposition !== undefined && !dispositionCodes.has(choice.disposition)) {
        report.error(`${choicePath}/disposition`, `no disposition has the code "${choice.disposition}"`);
      }
    });
    step.gate?.requires.forEach((checkId, requireIndex) => {
      const requirePath = `${path}/gate/requires/${requireIndex}`;
      const owner = checkOwner.get(checkId);
      if (owner === undefined) report.error(requirePath, `no check has the id "${checkId}"`);
      else if (owner === index) report.error(requirePath, `"${checkId}" is on this same step, which it keeps locked: move it to an earlier step`);
    });
    step.say?.forEach((line, lineIndex) => {
      for (const language of pack.languages) {
        const textPath = `${path}/say/${lineIndex}/text/${language}`;
        for (const placeholder of listPlaceholders(line.text[language] ?? '')) {
          if (!placeholder.valid) report.error(textPath, `"{{${placeholder.key}}}" is not a valid variable name`);
          else if (!variableKeys.has(placeholder.key)) report.error(textPath, `{{${placeholder.key}}} is not declared in /variables`);
          else usedVariables.add(placeholder.key);
        }
        checkOptionalParts(pack, line.text[language] ?? '', textPath, optionalVariables, report);
      }
    });
  });
  if (report.errors.length > 0) return;

  const reachable = findReachableStepIds(pack);
  pack.steps.forEach((step, index) => {
    if (!reachable.has(step.id)) report.warn(`/steps/${index}`, `warning: step "${step.id}" cannot be reached from the start step "${pack.start}"`);
  });
  pack.variables.forEach((variable, index) => {
    if (!usedVariables.has(variable.key)) report.warn(`/variables/${index}`, `warning: {{${variable.key}}} is not used by any say line`);
  });
  for (const issue of checkDebtGates(pack)) report.warn(issue.path, issue.message);
}

/**
 * Optional parts of one say line: brackets must balance (an error in v2, where `[[ … ]]` is part of the format;
 * a warning in v1, whose lines may hold the characters as text), each part depends on at least one optional
 * variable, and optional variables stand only inside such parts: a required sentence with an empty optional value
 * in it would be read with a gap.
 */
function checkOptionalParts(pack: ScriptPack, template: string, path: string, optionalVariables: ReadonlySet<string>, report: Report): void {
  const split = splitSayTemplate(template);
  if (split.problem) {
    if (pack.format === 'onscript-pack/1') report.warn(path, `warning: ${split.problem}; the line is shown as typed`);
    else report.error(path, split.problem);
    return;
  }
  for (const part of split.parts) {
    const keys = listPlaceholders(part.text).map((placeholder) => placeholder.key);
    if (part.optional) {
      if (!keys.some((key) => optionalVariables.has(key))) {
        report.warn(path, `warning: the optional part "[[${part.text.slice(0, 60)}]]" holds no optional variable, so it would only ever hide a missing required value`);
      }
      continue;
    }
    for (const key of new Set(keys)) {
      if (optionalVariables.has(key)) {
        report.warn(path, `warning: {{${key}}} is optional but stands in a required sentence; put the words that need it inside [[ … ]] so an empty value drops them instead of leaving a gap`);
      }
    }
  }
}
