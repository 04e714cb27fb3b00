import type { NumberOverrides } from '../../compliance/pre-dial';
import type { InconvenientTime } from '../../compliance/restrictions';
import type { UiLanguage } from '../../i18n/ui-messages';
import type { PackChannelState, PackSubscription } from '../../packs/subscription';
import { defineStorageItem } from './storage-item';

/**
 * Every key OnScript keeps in `storage.local` and `storage.session`, in one place, grouped by feature. Each is
 * stored as its bare value under its key (storage-item.ts); a release that changes a value's shape gives it a new
 * key and moves the old value over once. What reads them (and checks what storage holds, since storage can
 * hold anything) lives with each feature. The only other keys are the per-tab call states in `storage.session`
 * (background/tab-state-store.ts): a header `tab-calls:<tabId>` and one `tab-call:<tabId>:<callId>` per call.
 * Nothing here is secret.
 */

// General: the agent and the UI.

/** The agent's name, recorded on calls at wrap-up and offered to scripts as `agent.name`. */
export const agentNameSetting = defineStorageItem<string>('local:settings.agentName', {
  fallback: '',
});

/** The agent's staff number (工号), offered to scripts as `agent.staffId`. */
export const agentStaffIdSetting = defineStorageItem<string>('local:settings.agentStaffId', {
  fallback: '',
});

/** The agent's organisation as scripts name it, offered to scripts as `company.name`. */
export const companyNameSetting = defineStorageItem<string>('local:settings.companyName', {
  fallback: '',
});

/** The UI language: `auto` follows the browser. */
export const uiLanguageSetting = defineStorageItem<UiLanguage | 'auto'>('local:settings.uiLanguage', {
  fallback: 'auto',
});

// Notes.

/**
 * Days call records are kept before the daily purge; unset until the agent chooses, so the team's policy default
 * (or 90) applies. A lead's managed policy can lock it (shared/retention-policy.ts).
 */
export const retentionDaysSetting = defineStorageItem<number | null>('local:settings.notes.retentionDays', {
  fallback: null,
});

/**
 * Follow-ups due up to this instant (epoch ms) have been told: the one "next follow-up" alarm tells those after it,
 * so reminders missed while the browser was closed are told once when it starts again.
 */
export const followUpsNotifiedThroughItem = defineStorageItem<number | null>('local:notes.followUpsNotifiedThrough', {
  fallback: null,
});

// Detection.

/**
 * Region (ISO 3166-1 alpha-2) used to read national numbers as E.164, e.g. `CN`: `13800138000` → `+8613800138000`.
 * Empty: only numbers written with a country code are normalized.
 */
export const defaultRegionSetting = defineStorageItem<string>('local:settings.detection.defaultRegion', {
  fallback: 'CN',
});

/**
 * DOM rules as data. `null` means the shipped defaults; a script pack (or a test) stores its own array, which is
 * validated again on every read (shared/detection-settings.ts).
 */
export const domRulesSetting = defineStorageItem<unknown>('local:settings.detection.domRules', {
  fallback: null,
});

/**
 * Extra origin patterns per CTI vendor (an enterprise's own Genesys region, a vendor's staging host). They replace
 * that vendor's shipped patterns. Empty by default; validated on every read.
 */
export const vendorOriginsSetting = defineStorageItem<unknown>('local:settings.detection.vendorOrigins', {
  fallback: null,
});

// Compliance.

/**
 * A profile the agent adds to every call's rules (the strictest of it and the debtor's own rules holds, so it can
 * only tighten); `null` adds none.
 */
export const complianceProfileSetting = defineStorageItem<string | null>('local:compliance.profileId', {
  fallback: null,
});

/**
 * The agent's own tightening of every call's rules: no calls before or after these local times (`HH:MM`). It can
 * only tighten; a lead's `lockedSettings` can take it away.
 */
export const complianceTighteningSetting = defineStorageItem<{ earliestLocalTime?: string; latestLocalTime?: string } | null>(
  'local:compliance.agentTightening',
  { fallback: null },
);

/**
 * Where releases before issue 14 kept debtor-stated inconvenient times (keyed by debtor reference or E.164). They
 * name debtors and storage.local is readable by content scripts: the background moves them into IndexedDB on first
 * use and removes this key (background/debtor-times.ts). Nothing writes it any more.
 */
export const inconvenientTimesSetting = defineStorageItem<Record<string, InconvenientTime[]>>(
  'local:compliance.inconvenientTimes',
  { fallback: {} },
);

/**
 * The agent's recent overrides of the pre-dial guard, by number, in `storage.session`: they must outlive the
 * worker (stopped when idle) so an immediate redial is not blocked again, but not the browser session.
 */
export const guardOverridesItem = defineStorageItem<NumberOverrides>('session:compliance.guardOverrides', {
  fallback: {},
});

// Script and packs.

/**
 * Which script pack new calls start with. `auto` picks the team's pack when the agent follows one, else the
 * Chinese card/loan pack for a zh-CN UI and the US collections pack otherwise; any other value is a pack id.
 */
export const scriptPackSetting = defineStorageItem<string>('local:settings.scriptPack', {
  fallback: 'auto',
});

/** The agent's own pack subscription (a pack URL and the lead's public key). */
export const packSubscriptionItem = defineStorageItem<PackSubscription | null>('local:packs.subscription', {
  fallback: null,
});

/** The pack channel's state: active, previous and pending packs, ETag, back-off. */
export const packChannelItem = defineStorageItem<PackChannelState | null>('local:packs.channel', {
  fallback: null,
});

/** The last pack change the agent dismissed in the panel (epoch ms of that change). */
export const dismissedPackChangeItem = defineStorageItem<number>('local:packs.noticeDismissedAt', {
  fallback: 0,
});
