import { DEFAULT_DOM_RULES } from '../../detection/default-dom-rules';
import type { DomRule } from '../../detection/dom-rules';
import type { VendorId } from '../../detection/types';
import { domRulesFrom, vendorOriginsFrom } from '../shared/detection-settings';
import { domRulesSetting, vendorOriginsSetting } from '../shared/settings';

/** What the bridge of a frame reads once at start. */
export interface BridgeSettings {
  domRules: readonly DomRule[];
  vendorOrigins: Partial<Record<VendorId, readonly string[]>>;
}

/** Reads the bridge's settings; storage failures fall back to the shipped defaults. */
export async function loadBridgeSettings(): Promise<BridgeSettings> {
  try {
    const [rules, origins] = await Promise.all([domRulesSetting.getValue(), vendorOriginsSetting.getValue()]);
    return { domRules: domRulesFrom(rules), vendorOrigins: vendorOriginsFrom(origins) };
  } catch {
    return { domRules: DEFAULT_DOM_RULES, vendorOrigins: {} };
  }
}
