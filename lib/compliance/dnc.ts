/**
 * Do-not-call states per number and per debtor: cease request, wrong number, dispute pending.
 * Flags are data with a set/cleared time, so the history stays and a verdict can be asked for any instant.
 */
import { englishReasons, reason, type Reason } from './reasons';
import { normalizePhone } from './time-zones';

/** Why calls must stop. */
export type DoNotCallReason = 'cease-request' | 'wrong-number' | 'dispute-pending';

/** A flag on one number or on a debtor (all their numbers). */
export interface DoNotCallFlag {
  reason: DoNotCallReason;
  scope: 'number' | 'debtor';
  /** Set when `scope` is `number`: the flagged number in E.164. */
  phoneE164?: string;
  /** Set when `scope` is `debtor`: the debtor/account reference. */
  debtorRef?: string;
  /** When the flag was set, epoch ms. */
  setAt: number;
  /** When it was lifted (e.g. dispute resolved), epoch ms; absent while active. */
  clearedAt?: number;
  /** Who set it and what was said. */
  note?: string;
  /** The call whose disposition set it: changing that call's disposition again lifts it (see {@link planDispositionFlags}). */
  callId?: string;
}

/** Input to {@link evaluateDoNotCall}. */
export interface DoNotCallInput {
  phone: string;
  debtorRef?: string;
  flags: readonly DoNotCallFlag[];
  at: number;
  /** Region hint for national-format numbers. */
  defaultCountry?: string;
}

/** Verdict of {@link evaluateDoNotCall}. */
export interface DoNotCallResult {
  blocked: boolean;
  /** The active flags that apply. */
  flags: DoNotCallFlag[];
  /** Why, in English: the evidence records keep. */
  reasons: string[];
  /** The same reasons as data, for the agent's language. */
  why: Reason[];
}

/** True when the flag is in force at `at`. */
export function isFlagActive(flag: DoNotCallFlag, at: number): boolean {
  return flag.setAt <= at && (flag.clearedAt === undefined || flag.clearedAt > at);
}

/** Decides whether a call to `phone` (for `debtorRef`) is blocked by any active flag at `at`, and why. */
export function evaluateDoNotCall(input: DoNotCallInput): DoNotCallResult {
  const phoneE164 = normalizePhone(input.phone, input.defaultCountry)?.e164 ?? input.phone;
  const applying = input.flags.filter((flag) => {
    if (!isFlagActive(flag, input.at)) return false;
    if (flag.scope === 'number') return flag.phoneE164 === phoneE164;
    return input.debtorRef !== undefined && flag.debtorRef === input.debtorRef;
  });
  const why = applying.map((flag) =>
    reason('reason.dnc.flag', {
      target: flag.scope === 'number' ? reason('reason.dnc.number', { phone: flag.phoneE164 ?? '' }) : reason('reason.dnc.debtor', { debtor: flag.debtorRef ?? '' }),
      why: reason(`reason.dnc.${flag.reason}`),
      since: new Date(flag.setAt).toISOString(),
      note: flag.note ? reason('reason.dnc.note', { note: flag.note }) : '',
    }),
  );
  if (applying.length === 0) why.push(reason('reason.dnc.none'));
  if (input.debtorRef === undefined) why.push(reason('reason.dnc.noDebtor'));
  return { blocked: applying.length > 0, flags: applying, reasons: englishReasons(why), why };
}

/** Returns `flags` plus a new flag; the same reason already active on the same target is not duplicated. */
export function addDoNotCallFlag(flags: readonly DoNotCallFlag[], flag: DoNotCallFlag): DoNotCallFlag[] {
  const duplicate = flags.some(
    (existing) => sameTarget(existing, flag) && existing.reason === flag.reason && isFlagActive(existing, flag.setAt),
  );
  return duplicate ? [...flags] : [...flags, flag];
}

/** Returns `flags` with every active flag of `reason` on the target cleared at `at`. History is kept. */
export function clearDoNotCallFlag(
  flags: readonly DoNotCallFlag[],
  target: Pick<DoNotCallFlag, 'reason' | 'scope' | 'phoneE164' | 'debtorRef'>,
  at: number,
): DoNotCallFlag[] {
  return flags.map((flag) =>
    sameTarget(flag, target) && flag.reason === target.reason && isFlagActive(flag, at) ? { ...flag, clearedAt: at } : flag,
  );
}

function sameTarget(a: Pick<DoNotCallFlag, 'scope' | 'phoneE164' | 'debtorRef'>, b: Pick<DoNotCallFlag, 'scope' | 'phoneE164' | 'debtorRef'>): boolean {
  return a.scope === b.scope && (a.scope === 'number' ? a.phoneE164 === b.phoneE164 : a.debtorRef === b.debtorRef);
}

/** A call's disposition, as {@link dispositionDoNotCallFlags} reads it. */
export interface DispositionFacts {
  /** The disposition code, kept in the flag's note. */
  code: string;
  /** The flags the pack gives that code (`cease`, `wrongParty`, `dispute`, ...); other flags are ignored here. */
  flags: readonly string[];
  /** The call's number in E.164, when known. */
  phoneE164?: string;
  debtorRef?: string;
  callId: string;
  /** When the disposition was recorded, epoch ms. */
  at: number;
}

/**
 * The do-not-call flags a disposition creates: a cease request stops calls to the debtor (to the number when
 * there is no debtor reference to hold it), a wrong party stops calls to the number, and a dispute pauses the
 * debtor (the number without a reference). Pure: the caller stores them with the disposition.
 */
export function dispositionDoNotCallFlags(facts: DispositionFacts): DoNotCallFlag[] {
  const flags: DoNotCallFlag[] = [];
  const note = `disposition ${facts.code}`;
  const onDebtorOrNumber = (reason: DoNotCallReason): void => {
    if (facts.debtorRef) flags.push({ reason, scope: 'debtor', debtorRef: facts.debtorRef, setAt: facts.at, note, callId: facts.callId });
    else if (facts.phoneE164) flags.push({ reason, scope: 'number', phoneE164: facts.phoneE164, setAt: facts.at, note, callId: facts.callId });
  };
  if (facts.flags.includes('cease')) onDebtorOrNumber('cease-request');
  if (facts.flags.includes('wrongParty') && facts.phoneE164) {
    flags.push({ reason: 'wrong-number', scope: 'number', phoneE164: facts.phoneE164, setAt: facts.at, note, callId: facts.callId });
  }
  if (facts.flags.includes('dispute')) onDebtorOrNumber('dispute-pending');
  return flags;
}

/** What {@link planDispositionFlags} decided: flags to add, and flags of the call to lift (with `clearedAt`). */
export interface DispositionFlagPlan<Stored extends DoNotCallFlag = DoNotCallFlag> {
  add: DoNotCallFlag[];
  lift: Stored[];
}

/**
 * Reconciles the flags a call's current disposition wants with the flags already stored. A wanted flag is added
 * unless the same reason is already active on the same target (whoever set it); a flag this call's earlier
 * disposition set, and the current one no longer wants, is lifted: the agent corrected the outcome on the same
 * call. Flags set by a lead or by other calls are never lifted here.
 */
export function planDispositionFlags<Stored extends DoNotCallFlag>(
  stored: readonly Stored[],
  wanted: readonly DoNotCallFlag[],
  callId: string,
  at: number,
): DispositionFlagPlan<Stored> {
  const same = (a: DoNotCallFlag, b: DoNotCallFlag): boolean => a.reason === b.reason && sameTarget(a, b);
  const active = stored.filter((flag) => isFlagActive(flag, at));
  const add = wanted.filter((flag) => !active.some((existing) => same(existing, flag)));
  const lift = active
    .filter((flag) => flag.callId === callId && !wanted.some((want) => same(want, flag)))
    .map((flag) => ({ ...flag, clearedAt: at }));
  return { add, lift };
}
