import { defineBackgroundFeature } from '../feature';
import { keepDetectionScriptsRegistered } from '../detection-registration';

/**
 * Detection in the background: the two detection scripts registered on exactly the origins the agent enabled
 * (optional host permissions), re-registered whenever permissions change. Call signals themselves are the calls
 * feature's.
 */
export const detectionFeature = defineBackgroundFeature({
  id: 'detection',
  messages: {},
  create: () => ({ handlers: {}, start: keepDetectionScriptsRegistered }),
});
