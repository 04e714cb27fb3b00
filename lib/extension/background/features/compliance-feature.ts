import type { ComplianceLogDraft } from '../../../audit/compliance-log';
import { assessNumber, type ComplianceAssessment } from '../../../compliance/assessment';
import { capsLookbackMs } from '../../../compliance/caps';
import { attemptsFromCsvRows } from '../../../compliance/attempts-rows';
import { resolveJurisdiction } from '../../../compliance/jurisdiction';
import { OVERRIDE_TTL_MS, activeOverride, withOverride, type NumberOverride } from '../../../compliance/pre-dial';
import { resolveEffectiveRules } from '../../../compliance/routing';
import { normalizePhone } from '../../../compliance/time-zones';
import type { CallVerdict, DebtorLocation, LiveCall } from '../../../calls/types';
import { updateCallRecord } from '../../../db/calls-repository';
import { OUTBOX_STORES, queueOutbox } from '../../../db/outbox';
import type { ImportedAttempt, StoredDoNotCallFlag, StoredNumberKind } from '../../../db/schema';
import { maskFields, maskText } from '../../../notes/redact-record';
import { appendToComplianceLog } from '../compliance-log';
import { readDebtorTimes } from '../debtor-times';
import type { ComplianceEvent } from '../../../notes/types';
import { COMPLIANCE_MESSAGES } from '../../../protocol/compliance-messages';
import { flagChanged } from '../../../team/outbox';
import { guardOverridesItem } from '../../shared/settings';
import { createComplianceInputs, ruleLayers } from '../compliance-rules';
import { createTeamLedger } from '../team-ledger';
import { createDeliveredCalendars } from '../calendar-data';
import { loadProfileHolidayTables } from '../holiday-tables';
import { createContactLog } from '../contact-log';
import { defineBackgroundFeature, type BackgroundContext, type BackgroundFeature, type CallChange, type CallContribution } from '../feature';

/**
 * How far back the log is read at least: the longest shipped cap period (30 days, Massachusetts at work) plus margin
 * for zones; a profile with a longer cap reads further (capsLookbackMs: a calendar month, a lead's custom cap).
 */
export const LOG_LOOKBACK_MS = 35 * 24 * 60 * 60 * 1000;

/** The compliance log is evidence beside the record: a failed append is reported, never fails the call. */
const logFailed = (error: unknown) => console.error('OnScript compliance log append failed', error);

/** What a page shows about where the debtor is (DOM rule fields `location.*`), as a location. */
export function crmLocation(fields: Readonly<Record<string, string>> | undefined): DebtorLocation | undefined {
  if (!fields) return undefined;
  const location: DebtorLocation = {};
  if (fields['location.country']) location.country = fields['location.country'];
  if (fields['location.region']) location.region = fields['location.region'];
  if (fields['location.postalCode']) location.postalCode = fields['location.postalCode'];
  if (fields['location.timeZone']) location.timeZone = fields['location.timeZone'];
  return Object.keys(location).length > 0 ? location : undefined;
}

/** Whether what is known about where the debtor is changed between two states of a call. */
function evidenceChanged(call: LiveCall, previous: LiveCall): boolean {
  return (
    JSON.stringify(call.enteredLocation ?? null) !== JSON.stringify(previous.enteredLocation ?? null) ||
    JSON.stringify(crmLocation(call.pageFields) ?? null) !== JSON.stringify(crmLocation(previous.pageFields) ?? null)
  );
}

/**
 * The compliance feature: one verdict per call, computed when the call is first seen and handed to the pre-dial
 * guard and the side panel with the call; verdicts for numbers typed in the panel; do-not-call flags and imported
 * attempts; and compliance events on the record of a call that starts in breach.
 */
export const complianceFeature = defineBackgroundFeature({
  id: 'compliance',
  messages: COMPLIANCE_MESSAGES,
  create: createComplianceFeature,
});

function createComplianceFeature(context: BackgroundContext): BackgroundFeature {
  const { now, newId, db, inTabOrder, tabCalls, commitCallChanges, afterCallChanges } = context;
  const inputs = createComplianceInputs();
  const team = createTeamLedger(context);
  const calendars = createDeliveredCalendars();
  const contactLog = createContactLog();
  /**
   * One verdict: where the debtor may be (the number, what the agent entered, what the CRM page shows), the rules of
   * every such place with the policy's, the pack's and the agent's tightening on top, against the call log and the
   * do-not-call flags. Never the UI language: the agent's settings only say how to read a national number.
   */
  async function assess(request: { phone: string; at: number; debtorRef?: string; entered?: DebtorLocation; crm?: DebtorLocation }): Promise<ComplianceAssessment> {
    const { phone, at, debtorRef } = request;
    const [settings, database, delivered] = await Promise.all([inputs.load(), db(), calendars.load()]);
    const jurisdiction = resolveJurisdiction({
      phone,
      defaultCountry: settings.region,
      ...(request.entered ? { entered: request.entered } : {}),
      ...(request.crm ? { crm: request.crm } : {}),
    });
    const rules = resolveEffectiveRules(jurisdiction, ruleLayers(settings, jurisdiction));
    const holidayTables = loadProfileHolidayTables(rules.profile);
    const e164 = jurisdiction.phone?.e164;
    const since = at - Math.max(LOG_LOOKBACK_MS, capsLookbackMs(rules.profile));
    const who = { raw: phone, ...(e164 ? { e164 } : {}), ...(debtorRef ? { debtorRef } : {}) };
    // The team's counts (when enrolled) are asked for while this browser's log is read.
    const teamView = team.lookup({ ...who, at, timeZone: jurisdiction.timeZones[0] ?? 'UTC' });
    // Debtor-stated times are the background's, in IndexedDB (background/debtor-times.ts, issue 14).
    const [{ log: ownLog, numberKinds }, ownFlags, restrictions, ledger] = await Promise.all([
      contactLog.read(database, since, settings.region, who),
      database.getAll('doNotCall'),
      readDebtorTimes(database, [debtorRef, e164], now()),
      teamView,
      holidayTables,
    ]);
    const { log, flags } = ledger ? ledger.merge(ownLog, ownFlags) : { log: ownLog, flags: ownFlags };
    const numberKind = e164 ? numberKinds.get(e164) : undefined;
    const assessment = assessNumber({
      phone: e164 ?? phone,
      at,
      profile: rules.profile,
      rules,
      jurisdiction,
      log,
      flags,
      restrictions,
      ...(debtorRef ? { debtorRef } : {}),
      ...(numberKind ? { numberKind } : {}),
      calendars: delivered,
    });
    return ledger ? ledger.annotate(assessment) : assessment;
  }

  /** The verdict on a live call, from everything the call knows about its debtor. */
  function assessCall(call: LiveCall, at: number, debtorRef?: string): Promise<ComplianceAssessment> {
    const crm = crmLocation(call.pageFields);
    return assess({
      phone: call.remoteE164 ?? call.remoteNumber,
      at,
      ...(debtorRef ? { debtorRef } : {}),
      ...(call.enteredLocation ? { entered: call.enteredLocation } : {}),
      ...(crm ? { crm } : {}),
    });
  }

  function eventsFor(assessment: ComplianceAssessment): ComplianceEvent[] {
    // What the guard was told to do (a team-unavailable breach on its own only warns; no rules always block).
    const kind = assessment.action === 'block' ? 'block' : 'warning';
    return assessment.violations.map((violation) => ({
      at: assessment.at,
      kind,
      code: violation.code,
      detail: `${assessment.profileId}: ${violation.reasons.join('; ')}`,
    }));
  }

  /** The key overrides are kept under: the number in E.164 when the region can read it. */
  async function overrideKey(phone: string): Promise<string> {
    const { region } = await inputs.load();
    return normalizePhone(phone, region)?.e164 ?? phone;
  }

  /** The override in force for this number that covers everything the assessment found. */
  async function overrideFor(phone: string, assessment: ComplianceAssessment): Promise<NumberOverride | undefined> {
    const codes = assessment.violations.map((violation) => violation.code);
    return activeOverride(await guardOverridesItem.getValue(), await overrideKey(phone), codes, assessment.at);
  }

  async function findCallId(tabId: number, callKey: string): Promise<string | undefined> {
    const state = await inTabOrder(tabId, () => tabCalls.load(tabId));
    return Object.values(state.calls).find((call) => call.callKey === callKey)?.id;
  }

  return {
    /**
     * Warms what the first verdict reads (policy, settings, the team pack, delivered calendars, the database and its
     * upgrade) as the worker starts, so an agent's first dial is not the one that pays for it: the panel shows a
     * call only once its verdict is in (one pass), and a ringing phase can be shorter than a cold read.
     */
    start(): void {
      void Promise.all([inputs.load(), calendars.load(), db().then((database) => readDebtorTimes(database, [], now()))]).catch(() => undefined);
    },
    handlers: {
      // Debtor references are stored masked (notes/redact-record.ts): looked up the same way.
      'compliance/evaluate': async ({ phone, debtorRef, location }) =>
        assess({ phone, at: now(), ...(debtorRef ? { debtorRef: maskText(debtorRef) } : {}), ...(location ? { entered: location } : {}) }),
      'compliance/set-location': async ({ tabId, callId, location }) => {
        const change = await inTabOrder(tabId, async () => {
          const current = await tabCalls.load(tabId);
          const call = current.calls[callId];
          if (!call || call.phase === 'ended') return undefined;
          const next: LiveCall = { ...call, updatedAt: Math.max(call.updatedAt, now()) };
          if (location) next.enteredLocation = location;
          else delete next.enteredLocation;
          const change: CallChange = { call: next, previous: call };
          const committed = await commitCallChanges({ ...current, calls: { ...current.calls, [callId]: next } }, [change]);
          return { change, call: committed.calls[0] };
        });
        if (!change) return { updated: false };
        await afterCallChanges([change.change]);
        return { updated: true, ...(change.call?.verdict ? { assessment: change.call.verdict.assessment } : {}) };
      },
      'compliance/override': async ({ callKey, reason: typed }, sender) => {
        const reason = maskText(typed);
        const tabId = sender.tab?.id;
        if (tabId === undefined) return { recorded: false };
        const callId = await findCallId(tabId, callKey);
        if (!callId) return { recorded: false };
        const event: ComplianceEvent = {
          at: now(),
          kind: 'override',
          code: 'pre-dial-guard',
          detail: 'the agent went ahead despite the pre-dial guard',
          reason,
        };
        const written = await updateCallRecord(await db(), callId, (record) => ({
          ...record,
          complianceEvents: [...(record.complianceEvents ?? []), event],
        }));
        if (!written) return { recorded: false };
        void appendToComplianceLog(await db(), [{ at: event.at, kind: 'override', callId, code: event.code, reason }]).catch(logFailed);
        // Remembered per number in storage.session (the worker may stop before the redial), for the rules the
        // agent saw broken on this attempt only.
        const codes = [...new Set((written.complianceEvents ?? []).filter((e) => e.kind !== 'override').map((e) => e.code))];
        const key = await overrideKey(written.remoteNumber);
        const override: NumberOverride = { reason, codes, until: event.at + OVERRIDE_TTL_MS, callId };
        await guardOverridesItem.setValue(withOverride(await guardOverridesItem.getValue(), key, override, event.at));
        return { recorded: true };
      },
      'compliance/list-flags': async () => (await db()).getAll('doNotCall'),
      'compliance/add-flag': async ({ reason, scope, phone, debtorRef, note }) => {
        const { region } = await inputs.load();
        const flag: StoredDoNotCallFlag = { id: newId(), reason, scope, setAt: now() };
        if (scope === 'number' && phone) flag.phoneE164 = normalizePhone(phone, region)?.e164 ?? phone;
        if (scope === 'debtor' && debtorRef) flag.debtorRef = maskText(debtorRef);
        if (note) flag.note = maskText(note);
        // With the team outbox in the same transaction: the flag is kept and queued for the team together.
        const tx = (await db()).transaction(['doNotCall', ...OUTBOX_STORES], 'readwrite');
        await Promise.all([tx.objectStore('doNotCall').put(flag), queueOutbox(tx, [flagChanged(flag, 'set', flag.setAt)])]);
        await tx.done;
        team.flagsChanged();
        return flag;
      },
      'compliance/clear-flag': async ({ id }) => {
        const tx = (await db()).transaction(['doNotCall', ...OUTBOX_STORES], 'readwrite');
        const store = tx.objectStore('doNotCall');
        const flag = await store.get(id);
        const cleared = flag !== undefined && flag.clearedAt === undefined;
        const at = now();
        if (flag && cleared) await Promise.all([store.put({ ...flag, clearedAt: at }), queueOutbox(tx, [flagChanged(flag, 'clear', at)])]);
        await tx.done;
        if (cleared) team.flagsChanged();
        return { cleared };
      },
      'compliance/import-attempts': async ({ rows, unclosedQuoteLines, source, timeZone, dateOrder }) => {
        const { region } = await inputs.load();
        const { attempts, ...report } = attemptsFromCsvRows({ rows, unclosedQuoteLines }, {
          defaultCountry: region,
          ...(timeZone ? { timeZone } : {}),
          ...(dateOrder ? { dateOrder } : {}),
        });
        const importedAt = now();
        const tx = (await db()).transaction('importedAttempts', 'readwrite');
        for (const attempt of attempts) {
          const row: ImportedAttempt = { ...maskFields(attempt, ['debtorRef']), id: newId(), importedAt, source: maskText(source) };
          void tx.store.put(row);
        }
        await tx.done;
        return { imported: attempts.length, ...report };
      },
      'compliance/set-number-kind': async ({ phone, kind }) => {
        const { region } = await inputs.load();
        const marking: StoredNumberKind = { phoneE164: normalizePhone(phone, region)?.e164 ?? phone, kind, setAt: now() };
        await (await db()).put('numberKinds', marking);
        return marking;
      },
      'compliance/count-imports': async () => ({ count: await (await db()).count('importedAttempts') }),
      'compliance/clear-imports': async () => {
        const database = await db();
        const removed = await database.count('importedAttempts');
        await database.clear('importedAttempts');
        return { removed };
      },
    },

    async onCallChange({ call, previous }: CallChange): Promise<CallContribution | undefined> {
      // Judged when the call is first seen, and again when what is known about where the debtor is changes (the
      // agent entered a state, the CRM page showed an address); other phases of the same call add nothing new.
      if (previous && !evidenceChanged(call, previous)) return undefined;
      const assessment = await assessCall(call, previous ? now() : call.startedAt);
      const verdict: CallVerdict = { assessment };
      const gate = { at: assessment.at, callId: call.id };
      // The gate's result (and what the record gets) goes in the record's own transaction: `log` below.
      const gateEntry: ComplianceLogDraft = { ...gate, kind: 'gate', code: assessment.action };
      if (previous) {
        // A breach found once the debtor's location was known: on the record as a warning, for the audit.
        const events = eventsFor(assessment).map((event): ComplianceEvent => ({ ...event, kind: 'warning', detail: `after the debtor's location changed: ${event.detail}` }));
        if (events.length === 0) return { live: { verdict }, log: [gateEntry] };
        return {
          live: { verdict },
          log: [gateEntry],
          record: (record) => {
            const seen = new Set((record.complianceEvents ?? []).filter((event) => event.kind !== 'override').map((event) => event.code));
            const fresh = events.filter((event) => !seen.has(event.code));
            return fresh.length === 0 ? record : { ...record, complianceEvents: [...(record.complianceEvents ?? []), ...fresh] };
          },
        };
      }
      // Breaches are evidence on outbound calls being set up: what the pre-dial guard acts on.
      if (call.direction !== 'outbound' || (call.phase !== 'dialing' && call.phase !== 'ringing')) {
        return { live: { verdict }, log: [gateEntry] };
      }
      const events = eventsFor(assessment);
      if (events.length === 0) {
        return { live: { verdict }, log: [gateEntry] };
      }
      const override = await overrideFor(call.remoteNumber, assessment);
      if (override) {
        verdict.override = { reason: override.reason, until: override.until, callId: override.callId };
        events.push({
          at: assessment.at,
          kind: 'override',
          code: 'pre-dial-guard',
          detail: `redial under the override given on call ${override.callId}`,
          reason: override.reason,
        });
      }
      // The compliance log gets the gate result and what the record gets: each block, and a redial's override.
      return {
        live: { verdict },
        log: [
          gateEntry,
          ...events.flatMap((event): ComplianceLogDraft[] =>
            event.kind === 'warning' ? [] : [{ ...gate, kind: event.kind, code: event.code, ...(event.reason ? { reason: event.reason } : {}) }],
          ),
        ],
        record: (record) =>
          (record.complianceEvents ?? []).some((event) => event.kind !== 'override')
            ? record
            : { ...record, complianceEvents: [...(record.complianceEvents ?? []), ...events] },
      };
    },
  };
}
