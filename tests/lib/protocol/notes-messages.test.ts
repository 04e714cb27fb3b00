import { describe, expect, it } from 'vitest';
import { validateExportPageRequest } from '../../../lib/protocol/notes-messages';

const request = { format: 'csv', startMs: 0, endMs: 1_000, timeZone: 'Asia/Shanghai', written: 10, limit: 2_000 };

describe('validateExportPageRequest', () => {
  it("accepts a cursor after a record, and a window's end (an empty id, before every record at that time)", () => {
    expect(validateExportPageRequest({ ...request, after: { startedAt: 5, id: 'call-1' } })).toMatchObject({ ok: true, value: { after: { startedAt: 5, id: 'call-1' } } });
    expect(validateExportPageRequest({ ...request, after: { startedAt: 500, id: '' } })).toMatchObject({ ok: true, value: { after: { startedAt: 500, id: '' } } });
  });

  it('refuses a cursor without a string id or a finite time, and fields it does not know', () => {
    expect(validateExportPageRequest({ ...request, after: { startedAt: 5 } })).toMatchObject({ ok: false });
    expect(validateExportPageRequest({ ...request, after: { startedAt: 5, id: 7 } })).toMatchObject({ ok: false });
    expect(validateExportPageRequest({ ...request, after: { startedAt: Number.NaN, id: '' } })).toMatchObject({ ok: false });
    expect(validateExportPageRequest({ ...request, untilMs: 500 })).toMatchObject({ ok: false });
  });
});
