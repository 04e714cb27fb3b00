import { readPackChannel, readTrustedChannel } from './pack-channel';
// language.ts, not ui-messages.ts: the latter carries every page's catalog into the worker.
import { pickUiLanguage, type UiLanguage } from '../../i18n/language';
// The built-in packs' ids, not their content: the worker fetches the content (background/built-in-packs.ts), the
// pages bundle it (packs/defaults).
import { defaultPackIdFor } from '../../packs/defaults/ids';
import type { PackChannelState } from '../../packs/subscription';
import type { ScriptPack } from '../../packs/types';
import { scriptPackSetting } from './settings';
import { readUiLanguageInForce } from './ui-language';


/**
 * The packs an agent can choose from: the team's pack when the agent follows one (its active version, and the
 * version before it, so calls that started on it can finish), then the packs OnScript ships with (`builtIns`: the
 * pages pass `DEFAULT_PACKS`, the worker what it fetched).
 */
export async function listAvailablePacks(builtIns: readonly ScriptPack[]): Promise<readonly ScriptPack[]> {
  return availablePacks(await readPackChannel(), builtIns);
}

/** {@link listAvailablePacks} from a channel state already read (the background keeps it cached). */
export function availablePacks(channel: Pick<PackChannelState, 'active' | 'previous'> | null, builtIns: readonly ScriptPack[]): readonly ScriptPack[] {
  const team = [channel?.active, channel?.previous].filter((pack): pack is ScriptPack => Boolean(pack));
  return [...team, ...builtIns.filter((builtIn) => !team.some((pack) => pack.id === builtIn.id && pack.version === builtIn.version))];
}

/** The pack with this id (and version, when given) among the available packs. */
export async function findPack(id: string, version: string | undefined, builtIns: readonly ScriptPack[]): Promise<ScriptPack | undefined> {
  const packs = await listAvailablePacks(builtIns);
  return packs.find((pack) => pack.id === id && (version === undefined || pack.version === version));
}

/**
 * Picks the active pack from a setting value: the named pack when it is available, else the language's built-in
 * pack (a pack that was removed must not leave the agent without a script). `packs` must hold the built-in packs.
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
  const chosen = setting !== 'auto' ? packs.find((pack) => pack.id === setting) : undefined;
  const pack = chosen ?? packs.find((builtIn) => builtIn.id === defaultPackIdFor(language));
  if (pack) return pack;
  throw new Error(`No script pack: the built-in pack for ${language} is not among the ${packs.length} available`);
}

/** The pack new calls start with, read from the settings. The one seam the pack-distribution feature replaces. */
export async function getActivePack(builtIns: readonly ScriptPack[], browserLanguages: readonly string[] = currentBrowserLanguages()): Promise<ScriptPack> {
  const [setting, uiSetting, { channel, managed }] = await Promise.all([scriptPackSetting.getValue(), readUiLanguageInForce(), readTrustedChannel()]);
  // Following a team pack means using it: `auto` picks it over the built-in packs, and a policy's channel always.
  const packs = availablePacks(channel, builtIns);
  return resolveActivePack(setting, pickUiLanguage(browserLanguages, uiSetting), packs, channel?.active, { teamRequired: managed });
}

function currentBrowserLanguages(): readonly string[] {
  // Service workers and pages have navigator; Node before 21 (some tools) does not.
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}
