import type { FeatureDefinition } from '../feature';
import { callsFeature } from './calls-feature';
import { complianceFeature } from './compliance-feature';
import { debtorFeature } from './debtor-feature';
import { detectionFeature } from './detection-feature';
import { notesFeature } from './notes-feature';
import { packsFeature } from './packs-feature';
import { scriptFeature } from './script-feature';
import { shellFeature } from './shell-feature';
import { teamFeature } from './team-feature';

/**
 * Every background feature, each declared once in its own file (tests/lib/extension/background/features/
 * registry.test.ts checks this list against the folder, the protocol and the catalogs). The order is the order
 * their call hooks run in: the script is stamped before compliance judges the call, and the team outbox takes the
 * record as every other feature left it.
 */
export const BACKGROUND_FEATURES: readonly FeatureDefinition[] = [
  callsFeature,
  scriptFeature,
  complianceFeature,
  debtorFeature,
  notesFeature,
  packsFeature,
  detectionFeature,
  shellFeature,
  teamFeature,
];
