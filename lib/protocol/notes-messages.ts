import type { Validator } from './checks';
import type { SenderRule } from './sender-rules';

/** Messages of the notes feature. Type names are prefixed `notes/`. */
export interface NotesMessages {}

/** Who may send each notes message. */
export const NOTES_MESSAGE_SENDERS: { readonly [T in keyof NotesMessages]: SenderRule } = {};

/** Validators for the notes messages. */
export const NOTES_MESSAGE_VALIDATORS: { readonly [T in keyof NotesMessages]: Validator<NotesMessages[T]['request']> } = {};
