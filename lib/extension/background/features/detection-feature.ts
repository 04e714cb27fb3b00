import type { BackgroundContext, BackgroundFeature } from './feature';

/** The background side of the detection feature: its message handlers and call hook. */
export function defineDetectionFeature(_context: BackgroundContext): BackgroundFeature {
  return { handlers: {} };
}
