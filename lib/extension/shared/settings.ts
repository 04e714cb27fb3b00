import { storage } from 'wxt/utils/storage';
import type { NumberOverrides } from '../../compliance/pre-dial';
import type { InconvenientTime } from '../../compliance/restrictions';
import type { UiLanguage } from '../../i18n/ui-messages';
import type { PackChannelState, PackSubscription } from '../../packs/subscription';

/**
 * Every key OnScript keeps in `storage.local` and `storage.session`, in one place, grouped by feature. Each item
 * is versioned so later releases can migrate it. What reads them (and checks what storage holds, since storage can
 * hold anything) lives with each feature. The only other keys are the per-tab call states in `storage.session`
 * (background/tab-state-store.ts): a header `tab-calls:<tabId>` and one `tab-call:<tabId>:<callId>` per call.
 * Nothing here is secret.
 */

// General: the agent and the UI.

/** The agent's name, recorded on calls at wrap-up and offered to scripts as `agent.name`. */
export const agentNameSetting = storage.defineItem<string>('local:settings.agentName', {
  fallback: '',
  version: 1,
});

/** The agent's staff number (工号), offered to scripts as `agent.staffId`. */
export const agentStaffIdSetting = storage.defineItem<string>('local:settings.agentStaffId', {
  fallback: '',
  version: 1,
});

/** The agent's organisation as scripts name it, offered to scripts as `company.name`. */
export const companyNameSetting = storage.defineItem<string>('local:settings.companyName', {
  fallback: '',
  version: 1,
});

/** The UI language: `auto` follows the browser. */
export const uiLanguageSetting = storage.defineItem<UiLanguage | 'auto'>('local:settings.uiLanguage', {
  fallback: 'auto',
  version: 1,
});

// Notes.

/**
 * Days call records are kept before the daily purge; unset until the agent chooses, so the team's policy default
 * (or 90) applies. A lead's managed policy can lock it (shared/retention-policy.ts).
 */
export const retentionDaysSetting = storage.defineItem<number>('local:settings.notes.retentionDays', {
  version: 1,
});

/**
 * Follow-ups due up to this instant (epoch ms) have been told: the one "next follow-up" alarm tells those after it,
 * so reminders missed while the browser was closed are told once when it starts again.
 */
export const followUpsNotifiedThroughItem = storage.defineItem<number | null>('local:notes.followUpsNotifiedThrough', {
  fallback: null,
  version: 1,
});

// Detection.

/**
 * Region (ISO 3166-1 alpha-2) used to read national numbers as E.164, e.g. `CN`: `13800138000` → `+8613800138000`.
 * Empty: only numbers written with a country code are normalized.
 */
export const defaultRegionSetting = storage.defineItem<string>('local:settings.detection.defaultRegion', {
  fallback: 'CN',
  version: 1,
});

/**
 * DOM rules as data. `null` means the shipped defaults; a script pack (or a test) stores its own array, which is
 * validated again on every read (shared/detection-settings.ts).
 */
export const domRulesSetting = storage.defineItem<unknown>('local:settings.detection.domRules', {
  fallback: null,
  version: 1,
});

/**
 * Extra origin patterns per CTI vendor (an enterprise's own Genesys region, a vendor's staging host). They replace
 * that vendor's shipped patterns. Empty by default; validated on every read.
 */
export const vendorOriginsSetting = storage.defineItem<unknown>('local:settings.detection.vendorOrigins', {
  fallback: null,
  version: 1,
});

// Compliance.

/**
 * A profile the agent adds to every call's rules (the strictest of it and the debtor's own rules holds, so it can
 * only tighten); `null` adds none.
 */
export const complianceProfileSetting = storage.defineItem<string | null>('local:compliance.profileId', {
  fallback: null,
  version: 1,
});

/**
 * The agent's own tightening of every call's rules: no calls before or after these local times (`HH:MM`). It can
 * only tighten; a lead's `lockedSettings` can take it away.
 */
export const complianceTighteningSetting = storage.defineItem<{ earliestLocalTime?: string; latestLocalTime?: string } | null>(
  'local:compliance.agentTightening',
  { fallback: null, version: 1 },
);

/**
 * Where releases before issue 14 kept debtor-stated inconvenient times (keyed by debtor reference or E.164). They
 * name debtors and storage.local is readable by content scripts: the background moves them into IndexedDB on first
 * use and removes this key (background/debtor-times.ts). Nothing writes it any more.
 */
export const inconvenientTimesSetting = storage.defineItem<Record<string, InconvenientTime[]>>(
  'local:compliance.inconvenientTimes',
  { fallback: {}, version: 1 },
);

/**
 * The agent's recent overrides of the pre-dial guard, by number, in `storage.session`: they must outlive the
 * worker (stopped when idle) so an immediate redial is not blocked again, but not the browser session.
 */
export const guardOverridesItem = storage.defineItem<NumberOverrides>('session:compliance.guardOverrides', {
  fallback: {},
});

// Script and packs.

/**
 * Which script pack new calls start with. `auto` picks the team's pack when the agent follows one, else the
 * Chinese card/loan pack for a zh-CN UI and the US collections pack otherwise; any other value is a pack id.
 */
export const scriptPackSetting = storage.defineItem<string>('local:settings.scriptPack', {
  fallback: 'auto',
  version: 1,
});

/** The agent's own pack subscription (a pack URL and the lead's public key). */
export const packSubscriptionItem = storage.defineItem<PackSubscription | null>('local:packs.subscription', {
  fallback: null,
  version: 1,
});

/** The pack channel's state: active, previous and pending packs, ETag, back-off. */
export const packChannelItem = storage.defineItem<PackChannelState | null>('local:packs.channel', {
  fallback: null,
  version: 1,
});

/** The last pack change the agent dismissed in the panel (epoch ms of that change). */
export const dismissedPackChangeItem = storage.defineItem<number>('local:packs.noticeDismissedAt', {
  fallback: 0,
  version: 1,
});
