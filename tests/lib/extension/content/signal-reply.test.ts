import { describe, expect, it, vi } from 'vitest';
import { verdictOf } from '../../../../lib/extension/content/signal-reply';
import type { PortOutcome } from '../../../../lib/extension/shared/ports';

describe('the reply to a call signal in the dialer frame (issue 14, item 9)', () => {
  it('logs a refused signal with the background\'s reason, and gives the guard no verdict', async () => {
    const log = vi.fn();
    const refused: PortOutcome = { ok: false, error: 'bad remote' };
    await expect(verdictOf(Promise.resolve(refused), log)).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]!.join(' ')).toContain('bad remote');
  });

  it('logs nothing for a signal the background handled, and hands its verdict on', async () => {
    const log = vi.fn();
    const verdict = { action: 'warn', profileId: 'US-FDCPA' };
    await expect(verdictOf(Promise.resolve({ ok: true, reply: { accepted: true, verdict } }), log)).resolves.toEqual(verdict);
    expect(log).not.toHaveBeenCalled();
  });
});
