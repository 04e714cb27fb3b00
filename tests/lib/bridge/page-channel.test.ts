import { describe, expect, it } from 'vitest';
import { decodePageFrame, encodePageFrame, MAX_PAGE_FRAME_CHARS } from '../../../lib/bridge/page-channel';

describe('page channel', () => {
  it('round-trips a frame and refuses anything else', () => {
    const frame = { wire: 'sent' as const, at: 5, data: 'BYE sip:1@x SIP/2.0' };
    expect(decodePageFrame(encodePageFrame(frame))).toEqual(frame);
    for (const forged of [
      { wire: 'sent' },
      '["sideways",1,"x"]',
      '["sent","1","x"]',
      '["sent",1,2]',
      '["sent",1,"x",4]',
      'not json',
      JSON.stringify(['sent', 1, 'x'.repeat(MAX_PAGE_FRAME_CHARS + 1)]),
    ]) {
      expect(decodePageFrame(forged)).toBeUndefined();
    }
  });
});
