import type { BackgroundContext, BackgroundFeature } from './feature';

/** The background side of the notes feature: its message handlers and call hook. */
export function defineNotesFeature(_context: BackgroundContext): BackgroundFeature {
  return { handlers: {} };
}
