import type { Jurisdiction } from '../../compliance/jurisdiction';
import { parseLockedSettings, type LockedSettings } from '../../compliance/locked-settings';
import { COMPLIANCE_POLICY_KEYS, parseCompliancePolicy, parseTightening } from '../../compliance/policy';
import { packTighteningOverrides, type CompliancePolicy, type RuleLayers } from '../../compliance/routing';
import type { PackCompliance } from '../../packs/types';
import { readManagedPolicy, watchManagedPolicy } from '../shared/managed-policy';
import {
  complianceProfileSetting,
  complianceTighteningSetting,
  defaultRegionSetting,
} from '../shared/settings';
import { cachedTrustedChannel, cachedSetting } from './cached-setting';

/** Everything a verdict is judged with besides the debtor and the call log. */
export interface ComplianceInputs {
  /** Region for numbers dialled without a country code: the lead's when locked, else the agent's. */
  region: string;
  policy: CompliancePolicy;
  locks: LockedSettings;
  /** The team's signed pack in use, when the agent follows one: its compliance section applies. */
  teamPack?: { id: string; compliance: PackCompliance };
  /** Why the team's active pack is not used (it no longer verifies): its rules are unknown, so calls block. */
  teamPackWithheld?: string;
  agentProfileId?: string;
  agentTightening?: unknown;
}

/**
 * The verdict's inputs, read once per worker life and again after they change (a storage or policy change event
 * reaches the worker), so a dial does not wait for storage: the managed policy, the team pack, the agent's
 * settings. Create it during the service's synchronous set-up so the watchers are registered first.
 */
export function createComplianceInputs(): { load(): Promise<ComplianceInputs> } {
  const region = cachedSetting(defaultRegionSetting);
  const agentProfile = cachedSetting(complianceProfileSetting);
  const agentTightening = cachedSetting(complianceTighteningSetting);
  const channel = cachedTrustedChannel();
  let managed: Promise<{ policy: CompliancePolicy; locks: LockedSettings }> | undefined;
  watchManagedPolicy(() => {
    managed = undefined;
  });
  const readManaged = () =>
    (managed ??= readManagedPolicy([...COMPLIANCE_POLICY_KEYS, 'lockedSettings', 'defaultCountry'])
      .then((raw) => {
        const { policy, ignored } = parseCompliancePolicy(raw);
        const locks = parseLockedSettings(raw);
        const skipped = [...ignored, ...locks.ignored];
        if (skipped.length > 0) console.warn('OnScript ignored part of the compliance policy:', skipped.join('; '));
        return { policy, locks };
      })
      .catch((error: unknown) => {
        managed = undefined;
        throw error;
      }));

  return {
    async load() {
      const [{ policy, locks }, ownRegion, profileId, tightening, packs] = await Promise.all([
        readManaged(),
        region(),
        agentProfile(),
        agentTightening(),
        channel(),
      ]);
      const inputs: ComplianceInputs = {
        region: locks.locked.includes('defaultCountry') ? (locks.values.defaultCountry ?? 'CN') : ownRegion,
        policy,
        locks,
      };
      const active = packs.channel?.active;
      if (active) inputs.teamPack = { id: active.id, compliance: active.compliance };
      if (packs.withheld) inputs.teamPackWithheld = packs.withheld;
      if (profileId && !locks.locked.includes('complianceProfile')) inputs.agentProfileId = profileId;
      if (tightening && !locks.locked.includes('complianceTightening')) inputs.agentTightening = tightening;
      return inputs;
    },
  };
}

/** The layers above the debtor's jurisdiction, for the countries the debtor may be in. */
export function ruleLayers(inputs: ComplianceInputs, jurisdiction: Jurisdiction): RuleLayers {
  const layers: RuleLayers = { policy: inputs.policy };
  if (inputs.teamPackWithheld) layers.packWithheld = inputs.teamPackWithheld;
  const pack = inputs.teamPack;
  if (pack) {
    layers.pack = {
      packId: pack.id,
      profileId: pack.compliance.profileId,
      ...(pack.compliance.tighten ? { overrides: packTighteningOverrides(pack.compliance.tighten, jurisdiction.countries) } : {}),
    };
  }
  if (inputs.agentProfileId) layers.agentProfileId = inputs.agentProfileId;
  if (inputs.agentTightening) {
    const ignored: string[] = [];
    const overrides = parseTightening(inputs.agentTightening, 'agent tightening', ignored);
    if (overrides) layers.agent = overrides;
  }
  return layers;
}
