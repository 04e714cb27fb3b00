import type { CallPhase } from '../../lib/calls/types';

/** One state of the panel the gallery can show. */
export interface Scene {
  /** The call's phase, or none for an idle panel. */
  phase?: CallPhase;
  /** How many script steps the call is into. */
  stepsIn?: number;
  /** Puts the debtor outside the calling window (the gallery's clock moves to a closed hour for the language's profile). */
  closed?: boolean;
  doNotCall?: boolean;
  /** The team pack in this browser no longer verifies: its rules are unknown and the call is blocked. */
  packWithheld?: boolean;
  view?: 'call' | 'day';
  /** The open CRM page shows the debtor's account (DOM rule fields); the call details are opened to show the offers. */
  pageFields?: boolean;
}

/** A fixed instant inside both demo profiles' windows: Tuesday 21:10 in Shanghai (CN-CBA-2026), 09:10 in New York (US-FDCPA). */
export const GALLERY_NOW = Date.parse('2026-03-10T13:10:00Z');

/** Instants outside the windows: 00:10 in Shanghai, 06:10 in New York. */
export const GALLERY_CLOSED = { 'zh-CN': Date.parse('2026-03-10T16:10:00Z'), en: Date.parse('2026-03-10T10:10:00Z') } as const;

/** The states issue 16 asks to look at. */
export const SCENES = {
  idle: {},
  ringing: { phase: 'ringing' },
  live: { phase: 'connected', stepsIn: 1 },
  details: { phase: 'connected', stepsIn: 2, pageFields: true },
  held: { phase: 'held', stepsIn: 1 },
  'wrap-up': { phase: 'ended', stepsIn: 2 },
  blocked: { phase: 'dialing', closed: true, doNotCall: true },
  withheld: { phase: 'dialing', packWithheld: true },
  day: { view: 'day' },
} satisfies Record<string, Scene>;

/** A scene's name. */
export type SceneName = keyof typeof SCENES;
