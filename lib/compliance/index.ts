/**
 * OnScript compliance engine: calling windows, frequency caps and do-not-call states. Pure: every instant is a
 * parameter, no browser APIs, importable from Node. See README.md in this folder for the profiles and sources.
 */
export { evaluateCallingWindow, DEFAULT_SEARCH_DAYS } from './calling-window';
export { evaluateDay, chineseYear, LAST_SHIPPED_CHINESE_YEAR } from './day-rules';
export type { ChineseYear, DayVerdict } from './day-rules';
export { parseDeliveredCalendars, mergeDeliveredCalendars, chineseFixedDateHoliday, CALENDAR_LIMITS } from './calendar-data';
export type { CalendarIssue, CalendarParseResult, DeliveredCalendars, YearCalendar } from './calendar-data';
export type { CallingWindowInput, CallingWindowResult } from './calling-window';
export { evaluateContactCaps, capsLookbackMs, LOCAL_LOG_NOTICE } from './caps';
export { csvProblemText, parseAttemptsCsv } from './attempts-csv';
export type { AttemptsCsvOptions, AttemptsCsvResult, CsvLineError, CsvProblem, DateOrder } from './attempts-csv';
export type {
  CapVerdict,
  ContactAttempt,
  ContactCapsInput,
  ContactCapsResult,
} from './caps';
export {
  evaluateDoNotCall,
  addDoNotCallFlag,
  clearDoNotCallFlag,
  isFlagActive,
  dispositionDoNotCallFlags,
  planDispositionFlags,
} from './dnc';
export type { DispositionFacts, DispositionFlagPlan, DoNotCallFlag, DoNotCallInput, DoNotCallReason, DoNotCallResult } from './dnc';
export { PROFILES, getProfile, defineCustomProfile, tightenProfile, describeHolidayRule } from './profiles';
export { parseClockTime } from '../time/calendar';
export type {
  AttemptOutcome,
  ComplianceProfile,
  ContactCap,
  CountingCap,
  CustomProfileInput,
  HolidayRule,
  HolidayType,
  NumberKind,
  ProfileId,
  ProfileOverrides,
  RuleSource,
  SourceMarker,
  TightenResult,
} from './profiles';
export { notAfter, notAtWork, notBefore, notBetween, notOnDays } from './restrictions';
export type { InconvenientTime } from './restrictions';
export { countryTimeZones, normalizePhone } from './time-zones';
export type { AgentLocation, NormalizedPhone } from './time-zones';
export { resolveJurisdiction, resolveTimeZones } from './jurisdiction';
export type { CandidatePlace, DebtorEvidence, Jurisdiction, ZoneResolution, ZoneSource } from './jurisdiction';
export { combineProfiles, DEFAULT_JURISDICTION_PROFILES, resolveEffectiveRules } from './routing';
export type { CompliancePolicy, EffectiveRules, RuleLayers } from './routing';
export type { Weekday } from '../time/calendar';
