/**
 * Signal shapes of the detection layers beyond SIP. They map onto {@link CallSignal} from
 * lib/calls/types.ts, adding what a merge across layers needs: which layer spoke, how far it can be
 * trusted, and the number in E.164 next to the raw string.
 */
import type { CallDirection, CallPhase, CallSignal, EndReason, HangupParty } from '../calls/types';
import type { VendorId } from './vendors';

/**
 * The layer a signal came from, most exact first. `media` only confirms a call that another layer
 * created (see confidence.ts).
 */
export type DetectionLayer = 'cti' | 'signaling' | 'dom' | 'media';

/** The vendors whose CTI iframes post call events to the host page, derived from the registry in vendors/. */
export type { VendorId };

/**
 * Where a signal came from, one value per detector. The same union as `SignalSource` in lib/calls/types.ts, which
 * names the CTI vendors from vendors/ids.ts rather than from the registry; the registry test keeps the two equal.
 */
export type DetectionSource = 'sip-ws' | 'twilio-ws' | VendorId | 'dom' | 'media';

/**
 * One observation about one call from any detection layer. Same fields as {@link CallSignal} except
 * that `source` is the wider {@link DetectionSource}, plus the fields a cross-layer merge needs.
 */
export interface DetectedCallSignal extends Omit<CallSignal, 'source'> {
  /** Detector-scoped call key: Twilio CallSid, vendor call/contact id, `dom:<rule>:<n>`, `media:<n>`. */
  callKey: string;
  source: DetectionSource;
  layer: DetectionLayer;
  /** 0..1: how far this one signal can be trusted on its own (see {@link LAYER_CONFIDENCE}). */
  confidence: number;
  phase: CallPhase;
  /**
   * Which side placed the call. DOM signals guess it from an incoming-call indicator; media signals
   * cannot know it and the merge ignores theirs.
   */
  direction: CallDirection;
  /** The remote party exactly as the source gave it (capped in length), never interpreted as HTML. */
  remote: string;
  /** The remote party in E.164 when the detector could normalize it. */
  remoteE164?: string;
  at: number;
  endedBy?: HangupParty;
  endReason?: EndReason;
  /** Final SIP status, when the call ended on a SIP error response. */
  status?: number;
  /** A vendor's own error or cause code when the call ended on one (e.g. a Twilio 31xxx code). */
  vendorCode?: string;
}

/**
 * Base confidence per layer. CTI events come from the vendor's own call model; signaling is exact
 * but one step removed from the vendor's notion of a call; DOM rules break with UI changes; media
 * alone says only that audio flows (Amazon Connect pre-warms the microphone before any contact).
 */
export const LAYER_CONFIDENCE: Readonly<Record<DetectionLayer, number>> = Object.freeze({
  cti: 0.95,
  signaling: 0.9,
  dom: 0.6,
  media: 0.3,
});

/** Rank of a layer for merging: higher wins. Media is lowest and never decides a phase. */
export const LAYER_RANK: Readonly<Record<DetectionLayer, number>> = Object.freeze({
  cti: 3,
  signaling: 2,
  dom: 1,
  media: 0,
});

/** The layer a source belongs to. */
export function layerOfSource(source: DetectionSource): DetectionLayer {
  switch (source) {
    case 'sip-ws':
    case 'twilio-ws':
      return 'signaling';
    case 'dom':
      return 'dom';
    case 'media':
      return 'media';
    default:
      return 'cti';
  }
}

/**
 * Lifts a {@link CallSignal} from the SIP tracker (lib/sip) into a {@link DetectedCallSignal} so it can
 * be merged with the other layers.
 */
export function fromCallSignal(signal: CallSignal): DetectedCallSignal {
  const layer = layerOfSource(signal.source);
  return { ...signal, layer, confidence: LAYER_CONFIDENCE[layer] };
}

/** Why an untrusted event was dropped, and the note a reader returns with it (defined next to the guards). */
export type { DropNote, DropReason } from './guard';
