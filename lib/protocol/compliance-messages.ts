import type { Validator } from './checks';
import type { SenderRule } from './sender-rules';

/** Messages of the compliance feature. Type names are prefixed `compliance/`. */
export interface ComplianceMessages {}

/** Who may send each compliance message. */
export const COMPLIANCE_MESSAGE_SENDERS: { readonly [T in keyof ComplianceMessages]: SenderRule } = {};

/** Validators for the compliance messages. */
export const COMPLIANCE_MESSAGE_VALIDATORS: { readonly [T in keyof ComplianceMessages]: Validator<ComplianceMessages[T]['request']> } = {};
