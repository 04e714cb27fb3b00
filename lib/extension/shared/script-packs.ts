import { readPackChannel, readTrustedChannel } from './pack-channel';
// language.ts, not ui-messages.ts: the latter carries every page's catalog into the worker.
import { pickUiLanguage, type UiLanguage } from '../../i18n/language';
import { DEFAULT_PACKS, cnCardLoanPack, usCollectionsPack } from '../../packs/defaults';
import type { PackChannelState } from '../../packs/subscription';
import type { ScriptPack } from '../../packs/types';
import { scriptPackSetting, uiLanguageSetting } from './settings';


/**
 * The packs an agent can choose from: the team's pack when the agent follows one (its active version, and the
 * version before it, so calls that started on it can finish), then the packs OnScript ships with.
 */
export async function listAvailablePacks(): Promise<readonly ScriptPack[]> {
  return availablePacks(await readPackChannel());
}

/** {@link listAvailablePacks} from a channel state already read (the background keeps it cached). */
export function availablePacks(channel: Pick<PackChannelState, 'active' | 'previous'> | null): readonly ScriptPack[] {
  const team = [channel?.active, channel?.previous].filter((pack): pack is ScriptPack => Boolean(pack));
  return [...team, ...DEFAULT_PACKS.filter((builtIn) => !team.some((pack) => pack.id === builtIn.id && pack.version === builtIn.version))];
}

/** The pack with this id (and version, when given) among the available packs. */
export async function findPack(id: string, version?: string): Promise<ScriptPack | undefined> {
  const packs = await listAvailablePacks();
  return packs.find((pack) => pack.id === id && (version === undefined || pack.version === version));
}

/** The default pack for a UI language when the setting is `auto`. */
export function defaultPackFor(language: UiLanguage): ScriptPack {
  return language === 'zh-CN' ? cnCardLoanPack : usCollectionsPack;
}

/**
 * Picks the active pack from a setting value: the named pack when it is available, else the language default
 * (a pack that was removed must not leave the agent without a script).
 */
export function resolveActivePack(
  setting: string,
  language: UiLanguage,
  packs: readonly ScriptPack[],
  teamPack?: ScriptPack | null,
  { teamRequired = false }: { teamRequired?: boolean } = {},
): ScriptPack {
  // Under an administrator's channel the team pack is the script: the agent's choice of a built-in one is not.
  if (teamPack && (setting === 'auto' || teamRequired)) return teamPack;
  return (setting !== 'auto' ? packs.find((pack) => pack.id === setting) : undefined) ?? defaultPackFor(language);
}

/** The pack new calls start with, read from the settings. The one seam the pack-distribution feature replaces. */
export async function getActivePack(browserLanguages: readonly string[] = currentBrowserLanguages()): Promise<ScriptPack> {
  const [setting, uiSetting, { channel, managed }] = await Promise.all([scriptPackSetting.getValue(), uiLanguageSetting.getValue(), readTrustedChannel()]);
  // Following a team pack means using it: `auto` picks it over the built-in packs, and a policy's channel always.
  const packs = availablePacks(channel);
  return resolveActivePack(setting, pickUiLanguage(browserLanguages, uiSetting), packs, channel?.active, { teamRequired: managed });
}

function currentBrowserLanguages(): readonly string[] {
  // Service workers and pages have navigator; Node before 21 (some tools) does not.
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}
