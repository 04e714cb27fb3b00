import type { Validator } from './checks';
import type { SenderRule } from './sender-rules';

/** Messages of the script feature. Type names are prefixed `script/`. */
export interface ScriptMessages {}

/** Who may send each script message. */
export const SCRIPT_MESSAGE_SENDERS: { readonly [T in keyof ScriptMessages]: SenderRule } = {};

/** Validators for the script messages. */
export const SCRIPT_MESSAGE_VALIDATORS: { readonly [T in keyof ScriptMessages]: Validator<ScriptMessages[T]['request']> } = {};
