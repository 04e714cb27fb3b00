/**
 * Merging what several detection layers say about the same call into one view with a confidence.
 *
 * The rule, in order:
 * 1. **Grouping.** Signals are taken in time order. A signal joins the group that already holds its
 *    `(source, callKey)`. Otherwise it joins a group that has no call from the same source yet (one
 *    source never reports two keys for one call), is open or ended less than `endGraceMs` ago, was
 *    updated within `correlationWindowMs`, and whose number agrees (same E.164, or the same last
 *    seven digits when one side has no E.164; a side without a number agrees with anything). A group
 *    whose number matched is preferred over one that merely does not conflict; among equals the most
 *    recently updated wins. Otherwise the signal starts a new group.
 * 2. **Media never creates a call.** A media signal only attaches to an open group that some layer
 *    reports connected or held (the most recently updated one); with none, it is ignored. It can raise confidence, never
 *    set a phase, direction or number.
 * 3. **Phase.** The exact layers (cti, signaling) decide when present; DOM decides only when it is the
 *    best layer present. Among the exact layers' latest signals, the furthest stage wins (pre-answer <
 *    live), because they differ only by latency: SIP sees the 200 OK before the vendor's CTI event
 *    arrives. Within a stage the higher rank wins (cti > signaling), e.g. for held versus connected.
 *    An `ended` from cti or signaling is final whatever another layer says afterwards, because those
 *    layers see the end itself and vendors are known to drop events. A DOM `ended` counts only when
 *    DOM is the best layer present.
 * 4. **Identity.** Direction comes from the best layer present; the number from the best layer that has
 *    one (E.164 likewise).
 * 5. **Confidence.** A noisy-OR over the layers whose latest signal agrees with the view's stage
 *    (pre-answer = dialing/ringing, live = connected/held, ended): `1 - Π(1 - cᵢ)`, where cᵢ is that
 *    layer's signal confidence, plus media's when the view is live and media last said connected;
 *    capped at 0.99. A lone CTI event gives 0.95, SIP alone 0.9, DOM alone 0.6, DOM plus media 0.72;
 *    layers that disagree add nothing, so a contradicted view stays at its best layer's own value.
 */
import type { CallDirection, CallPhase, EndReason, HangupParty } from '../calls/types';
import { LAYER_RANK, type DetectedCallSignal, type DetectionLayer, type DetectionSource } from './types';

/** One call as all layers together see it. */
export interface MergedCallView {
  /** `<source>:<callKey>` of the signal that created the view; stable as more signals arrive. */
  key: string;
  phase: CallPhase;
  direction: CallDirection;
  remote: string;
  remoteE164?: string;
  /** 0..0.99, see the module comment. */
  confidence: number;
  /** The layer whose signal set the phase. */
  decidedBy: DetectionLayer;
  /** Every layer that contributed, best first (media included when it confirmed). */
  layers: DetectionLayer[];
  /** Every detector call that was merged into this view. */
  members: Array<{ source: DetectionSource; callKey: string }>;
  /** Media reported audio flowing during the call. */
  mediaConfirmed: boolean;
  startedAt: number;
  connectedAt?: number;
  endedAt?: number;
  endedBy?: HangupParty;
  endReason?: EndReason;
  updatedAt: number;
}

/** Options of {@link mergeCallSignals}. */
export interface MergeOptions {
  /** A signal joins a group only if the group was updated at most this long before. Default 10 min. */
  correlationWindowMs?: number;
  /** How long after its end a call still absorbs late signals from other layers. Default 5 s. */
  endGraceMs?: number;
}

/** Most confident a merged view can claim: detection is never certain. */
export const MAX_CONFIDENCE = 0.99;

interface Group {
  signals: DetectedCallSignal[];
  members: Map<string, { source: DetectionSource; callKey: string }>;
  sources: Set<DetectionSource>;
  view: MergedCallView;
}

/**
 * Merges signals from all layers (in any order) into one view per call, oldest first. Pure: the same
 * signals always give the same views, so the background can keep a bounded signal list per tab and
 * re-merge on every new signal.
 */
export function mergeCallSignals(signals: readonly DetectedCallSignal[], options: MergeOptions = {}): MergedCallView[] {
  const correlationWindowMs = options.correlationWindowMs ?? 10 * 60 * 1000;
  const endGraceMs = options.endGraceMs ?? 5000;
  const ordered = signals
    .map((signal, index) => ({ signal, index }))
    .sort((a, b) => a.signal.at - b.signal.at || a.index - b.index)
    .map((x) => x.signal);
  const groups: Group[] = [];

  for (const signal of ordered) {
    const memberKey = `${signal.source}:${signal.callKey}`;
    let group = groups.find((g) => g.members.has(memberKey));
    if (!group && signal.layer === 'media') {
      group = mostRecent(groups.filter((g) => g.view.phase !== 'ended' && anyLayerLive(g)));
      if (!group) continue;
    }
    if (!group) {
      const candidates = groups.filter(
        (g) =>
          !g.sources.has(signal.source) &&
          signal.at - g.view.updatedAt <= correlationWindowMs &&
          (g.view.phase !== 'ended' || signal.at - (g.view.endedAt ?? g.view.updatedAt) <= endGraceMs),
      );
      const matched = candidates.filter((g) => numbersAgree(g, signal) === 'match');
      const compatible = candidates.filter((g) => numbersAgree(g, signal) === 'no-conflict');
      group = mostRecent(matched) ?? mostRecent(compatible);
    }
    if (!group) {
      group = {
        signals: [],
        members: new Map(),
        sources: new Set(),
        view: emptyView(memberKey, signal),
      };
      groups.push(group);
    }
    group.signals.push(signal);
    group.members.set(memberKey, { source: signal.source, callKey: signal.callKey });
    group.sources.add(signal.source);
    group.view = buildView(group);
  }
  return groups.map((g) => g.view);
}

/** Whether any call layer's latest signal in the group says the call is live. */
function anyLayerLive(group: Group): boolean {
  const latest = new Map<DetectionLayer, CallPhase>();
  for (const s of group.signals) if (s.layer !== 'media') latest.set(s.layer, s.phase);
  return [...latest.values()].some((p) => p === 'connected' || p === 'held');
}

function mostRecent(groups: Group[]): Group | undefined {
  let best: Group | undefined;
  for (const g of groups) if (!best || g.view.updatedAt >= best.view.updatedAt) best = g;
  return best;
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

function numbersAgree(group: Group, signal: DetectedCallSignal): 'match' | 'no-conflict' | 'conflict' {
  const view = group.view;
  if (signal.remoteE164 && view.remoteE164) return signal.remoteE164 === view.remoteE164 ? 'match' : 'conflict';
  const a = digits(signal.remoteE164 ?? signal.remote);
  const b = digits(view.remoteE164 ?? view.remote);
  if (a.length < 7 || b.length < 7) return 'no-conflict';
  return a.slice(-7) === b.slice(-7) ? 'match' : 'conflict';
}

function emptyView(key: string, signal: DetectedCallSignal): MergedCallView {
  return {
    key,
    phase: signal.phase,
    direction: signal.direction,
    remote: '',
    confidence: 0,
    decidedBy: signal.layer,
    layers: [],
    members: [],
    mediaConfirmed: false,
    startedAt: signal.at,
    updatedAt: signal.at,
  };
}

type Stage = 'pre-answer' | 'live' | 'ended';

const STAGE_ORDER: Readonly<Record<Stage, number>> = { 'pre-answer': 0, live: 1, ended: 2 };

function stageOf(phase: CallPhase): Stage {
  if (phase === 'dialing' || phase === 'ringing') return 'pre-answer';
  if (phase === 'ended') return 'ended';
  return 'live';
}

function buildView(group: Group): MergedCallView {
  const latestByLayer = new Map<DetectionLayer, DetectedCallSignal>();
  const confidenceByLayer = new Map<DetectionLayer, number>();
  for (const s of group.signals) {
    latestByLayer.set(s.layer, s);
    confidenceByLayer.set(s.layer, Math.max(confidenceByLayer.get(s.layer) ?? 0, clamp01(s.confidence)));
  }
  const callLayers = [...latestByLayer.keys()].filter((l) => l !== 'media').sort((a, b) => LAYER_RANK[b] - LAYER_RANK[a]);
  const best = callLayers[0]!;
  const exactEnd = group.signals.find((s) => s.phase === 'ended' && (s.layer === 'cti' || s.layer === 'signaling'));
  const exactLatest = callLayers.filter((l) => l === 'cti' || l === 'signaling').map((l) => latestByLayer.get(l)!);
  // callLayers is best-first, so on equal stages the first (higher-ranked) signal is kept.
  const furthest = exactLatest.reduce<DetectedCallSignal | undefined>(
    (acc, s) => (!acc || STAGE_ORDER[stageOf(s.phase)] > STAGE_ORDER[stageOf(acc.phase)] ? s : acc),
    undefined,
  );
  const deciding = exactEnd ?? furthest ?? latestByLayer.get(best)!;
  const phase = deciding.phase;

  const nonMedia = group.signals.filter((s) => s.layer !== 'media');
  const byRank = (a: DetectedCallSignal, b: DetectedCallSignal): number => LAYER_RANK[b.layer] - LAYER_RANK[a.layer];
  const ranked = [...nonMedia].sort(byRank);
  const remote = ranked.find((s) => s.remote)?.remote ?? '';
  const remoteE164 = ranked.find((s) => s.remoteE164)?.remoteE164;
  // The answer time is the first exact report of it (SIP's 200 OK usually beats the CTI event); DOM's
  // only when no exact layer reported an answer.
  const live = ranked.filter((s) => s.phase === 'connected' || s.phase === 'held');
  const exactLive = live.filter((s) => s.layer !== 'dom');
  const connectedAt = (exactLive.length > 0 ? exactLive : live).reduce<number | undefined>(
    (min, s) => (min === undefined || s.at < min ? s.at : min),
    undefined,
  );
  const media = latestByLayer.get('media');
  const mediaConfirmed = group.signals.some((s) => s.layer === 'media' && s.phase === 'connected');

  const stage = stageOf(phase);
  let doubt = 1;
  for (const layer of callLayers) {
    if (stageOf(latestByLayer.get(layer)!.phase) === stage) doubt *= 1 - (confidenceByLayer.get(layer) ?? 0);
  }
  if (stage === 'live' && media?.phase === 'connected') doubt *= 1 - (confidenceByLayer.get('media') ?? 0);
  const confidence = Math.min(MAX_CONFIDENCE, Math.round((1 - doubt) * 1000) / 1000);

  const view: MergedCallView = {
    key: group.view.key,
    phase,
    direction: latestByLayer.get(best)!.direction,
    remote,
    confidence,
    decidedBy: deciding.layer,
    layers: mediaConfirmed ? [...callLayers, 'media'] : callLayers,
    members: [...group.members.values()],
    mediaConfirmed,
    startedAt: Math.min(...nonMedia.map((s) => s.at)),
    updatedAt: Math.max(...group.signals.map((s) => s.at)),
  };
  if (remoteE164) view.remoteE164 = remoteE164;
  if (connectedAt !== undefined) view.connectedAt = connectedAt;
  if (phase === 'ended') {
    view.endedAt = deciding.at;
    if (deciding.endedBy) view.endedBy = deciding.endedBy;
    if (deciding.endReason) view.endReason = deciding.endReason;
  }
  return view;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
