import type { BackgroundContext, BackgroundFeature } from './feature';

/** The background side of the compliance feature: its message handlers and call hook. */
export function defineComplianceFeature(_context: BackgroundContext): BackgroundFeature {
  return { handlers: {} };
}
