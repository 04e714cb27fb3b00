import type { Validator } from './checks';

/** Who may send a message: content scripts (untrusted page data), OnScript's own pages, or the background. */
export type SenderKind = 'content' | 'extension' | 'background';

/** The senders allowed for one message type. */
export type SenderRule = readonly SenderKind[];

/** One message type's rules: who may send it, and the validator its payload must pass. */
export interface MessageSpec<Request> {
  senders: SenderRule;
  validate: Validator<Request>;
}

/** A feature's part of the protocol: one spec per message type of its map `M`. */
export type MessageTable<M> = { readonly [T in keyof M]: MessageSpec<M[T] extends { request: infer R } ? R : never> };

/**
 * Declares a feature's messages in one table (lib/protocol/<feature>-messages.ts), so the sender rule and the
 * validator of a type are written side by side and the compiler checks that every type of the map has both.
 */
export function defineMessages<M>(table: MessageTable<M>): MessageTable<M> {
  return table;
}
