import type { Validator } from './checks';
import type { SenderRule } from './sender-rules';

/** Messages of the detection feature. Type names are prefixed `detection/`. */
export interface DetectionMessages {}

/** Who may send each detection message. */
export const DETECTION_MESSAGE_SENDERS: { readonly [T in keyof DetectionMessages]: SenderRule } = {};

/** Validators for the detection messages. */
export const DETECTION_MESSAGE_VALIDATORS: { readonly [T in keyof DetectionMessages]: Validator<DetectionMessages[T]['request']> } = {};
