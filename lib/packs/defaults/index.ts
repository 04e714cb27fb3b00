/** The packs OnScript ships with, used until a team lead publishes one. */
import type { ScriptPack } from '../types.ts';
import { cnCardLoanPack } from './cn-card-loan.ts';
import { usCollectionsPack } from './us-collections.ts';

export { cnCardLoanPack, usCollectionsPack };

/** Every default pack, by id. */
export const DEFAULT_PACKS: readonly ScriptPack[] = [cnCardLoanPack, usCollectionsPack];
