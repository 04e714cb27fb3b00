import { resolveActiveProfile, type ActiveProfile } from '../../../compliance/active-profile';
import { assessNumber, callsToAttempts, type ComplianceAssessment } from '../../../compliance/assessment';
import { parseAttemptsCsv } from '../../../compliance/caps';
import type { ContactAttempt } from '../../../compliance/caps';
import { OVERRIDE_TTL_MS, activeOverride, withOverride, type NumberOverride } from '../../../compliance/pre-dial';
import { normalizePhone } from '../../../compliance/time-zones';
import type { CallVerdict } from '../../../calls/types';
import { updateCallRecord } from '../../../db/calls-repository';
import type { ImportedAttempt, OnScriptDb, StoredDoNotCallFlag } from '../../../db/schema';
import { maskFields, maskText } from '../../../notes/redact-record';
import { appendToComplianceLog } from '../compliance-log';
import { readDebtorTimes } from '../debtor-times';
import type { ComplianceEvent } from '../../../notes/types';
import { COMPLIANCE_MESSAGES } from '../../../protocol/compliance-messages';
import {
  complianceDefaultRegionSetting,
  compliancePolicySetting,
  complianceProfileSetting,
  guardOverridesItem,
} from '../../shared/settings';
import { defineBackgroundFeature, type BackgroundContext, type BackgroundFeature, type CallChange, type CallContribution } from '../feature';

/** How far back the log is read: the longest cap period (7 days) plus margin for zones and the cool-down. */
export const LOG_LOOKBACK_MS = 15 * 24 * 60 * 60 * 1000;

/** The compliance log is evidence beside the record: a failed append is reported, never fails the call. */
const logFailed = (error: unknown) => console.error('OnScript compliance log append failed', error);

/** Browser languages in the worker; the default profile follows the first. */
function browserLanguages(): readonly string[] {
  return globalThis.navigator?.languages ?? [];
}

/** The profile in force and the region for national numbers, read fresh for every verdict. */
export async function loadActiveProfile(): Promise<{ active: ActiveProfile; region: string }> {
  const [chosen, policy, region] = await Promise.all([
    complianceProfileSetting.getValue(),
    compliancePolicySetting.getValue(),
    complianceDefaultRegionSetting.getValue(),
  ]);
  const active = resolveActiveProfile(chosen, policy, browserLanguages());
  return { active, region: region || active.profile.country };
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

function createComplianceFeature({ now, newId, db, inTabOrder, tabCalls }: BackgroundContext): BackgroundFeature {
  async function readLog(database: OnScriptDb, at: number, region: string): Promise<ContactAttempt[]> {
    const since = IDBKeyRange.lowerBound(at - LOG_LOOKBACK_MS);
    const [calls, imported] = await Promise.all([
      database.getAllFromIndex('calls', 'by-startedAt', since),
      database.getAllFromIndex('importedAttempts', 'by-at', since),
    ]);
    const own = callsToAttempts(calls, region);
    return [...own, ...imported.map(({ at: when, phoneE164, outcome, debtorRef }) => ({ at: when, phoneE164, outcome, ...(debtorRef ? { debtorRef } : {}) }))];
  }

  async function assess(phone: string, at: number, debtorRef?: string): Promise<ComplianceAssessment> {
    const [{ active, region }, database] = await Promise.all([loadActiveProfile(), db()]);
    const e164 = normalizePhone(phone, region)?.e164;
    // Debtor-stated times are the background's, in IndexedDB (background/debtor-times.ts, issue 14).
    const [log, flags, restrictions] = await Promise.all([
      readLog(database, at, region),
      database.getAll('doNotCall'),
      readDebtorTimes(database, [debtorRef, e164], now()),
    ]);
    return assessNumber({
      phone: e164 ?? phone,
      at,
      profile: active.profile,
      log,
      flags,
      restrictions,
      ...(debtorRef ? { debtorRef } : {}),
    });
  }

  function eventsFor(assessment: ComplianceAssessment): ComplianceEvent[] {
    const kind = assessment.onViolation === 'block' ? 'block' : 'warning';
    return assessment.violations.map((violation) => ({
      at: assessment.at,
      kind,
      code: violation.code,
      detail: `${assessment.profileId}: ${violation.reasons.join('; ')}`,
    }));
  }

  /** The key overrides are kept under: the number in E.164 when the region can read it. */
  async function overrideKey(phone: string): Promise<string> {
    const { region } = await loadActiveProfile();
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
    handlers: {
      // Debtor references are stored masked (notes/redact-record.ts): looked up the same way.
      'compliance/evaluate': async ({ phone, debtorRef }) => assess(phone, now(), debtorRef === undefined ? undefined : maskText(debtorRef)),
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
        const { region } = await loadActiveProfile();
        const flag: StoredDoNotCallFlag = { id: newId(), reason, scope, setAt: now() };
        if (scope === 'number' && phone) flag.phoneE164 = normalizePhone(phone, region)?.e164 ?? phone;
        if (scope === 'debtor' && debtorRef) flag.debtorRef = maskText(debtorRef);
        if (note) flag.note = maskText(note);
        await (await db()).put('doNotCall', flag);
        return flag;
      },
      'compliance/clear-flag': async ({ id }) => {
        const tx = (await db()).transaction('doNotCall', 'readwrite');
        const flag = await tx.store.get(id);
        const cleared = flag !== undefined && flag.clearedAt === undefined;
        if (flag && cleared) await tx.store.put({ ...flag, clearedAt: now() });
        await tx.done;
        return { cleared };
      },
      'compliance/import-attempts': async ({ csv, source }) => {
        const { region } = await loadActiveProfile();
        const { attempts, errors } = parseAttemptsCsv(csv, { defaultCountry: region });
        const importedAt = now();
        const tx = (await db()).transaction('importedAttempts', 'readwrite');
        for (const attempt of attempts) {
          const row: ImportedAttempt = { ...maskFields(attempt, ['debtorRef']), id: newId(), importedAt, source: maskText(source) };
          void tx.store.put(row);
        }
        await tx.done;
        return { imported: attempts.length, errors };
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
      // Judged once, when the call is first seen; later phases of the same call add nothing new.
      if (previous) return undefined;
      const assessment = await assess(call.remoteNumber, call.startedAt);
      const verdict: CallVerdict = { assessment };
      const gate = { at: assessment.at, callId: call.id };
      // Breaches are evidence on outbound calls being set up: what the pre-dial guard acts on.
      if (call.direction !== 'outbound' || (call.phase !== 'dialing' && call.phase !== 'ringing')) {
        void appendToComplianceLog(await db(), [{ ...gate, kind: 'gate', code: assessment.action }]).catch(logFailed);
        return { live: { verdict } };
      }
      const events = eventsFor(assessment);
      if (events.length === 0) {
        void appendToComplianceLog(await db(), [{ ...gate, kind: 'gate', code: assessment.action }]).catch(logFailed);
        return { live: { verdict } };
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
      void appendToComplianceLog(await db(), [
        { ...gate, kind: 'gate', code: assessment.action },
        ...events.flatMap((event) =>
          event.kind === 'warning' ? [] : [{ ...gate, kind: event.kind, code: event.code, ...(event.reason ? { reason: event.reason } : {}) }],
        ),
      ]).catch(logFailed);
      return {
        live: { verdict },
        record: (record) =>
          (record.complianceEvents ?? []).some((event) => event.kind !== 'override')
            ? record
            : { ...record, complianceEvents: [...(record.complianceEvents ?? []), ...events] },
      };
    },
  };
}
