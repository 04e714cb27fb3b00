import type { BackgroundContext, BackgroundFeature } from './feature';

/** The background side of the script feature: its message handlers and call hook. */
export function defineScriptFeature(_context: BackgroundContext): BackgroundFeature {
  return { handlers: {} };
}
