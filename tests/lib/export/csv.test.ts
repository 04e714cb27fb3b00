import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { END_REASONS } from '../../../lib/calls/types.ts';
import { complianceFlags, createCsvExporter, csvCell, exportCsvChunks, UTF8_BOM } from '../../../lib/export/csv.ts';
import { EXPORT_COLUMNS, type ExportableCall } from '../../../lib/export/types.ts';

/** A strict RFC 4180 reader, written for this test: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after closing quote at ${i}`);
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (char === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (char === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (char === '\n') {
      throw new Error(`bare LF at ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('last record not terminated by CRLF');
  return rows;
}

const baseCall: ExportableCall = {
  id: 'call-1',
  direction: 'outbound',
  remoteNumber: '13800138000',
  numberE164: '+8613800138000',
  phase: 'ended',
  startedAt: Date.UTC(2026, 10, 28, 1, 5, 0),
  connectedAt: Date.UTC(2026, 10, 28, 1, 5, 12),
  endedAt: Date.UTC(2026, 10, 28, 1, 9, 42),
  endReason: 'hangup',
  origin: 'https://dialer.example',
  source: 'sip-ws',
  updatedAt: Date.UTC(2026, 10, 28, 1, 9, 42),
  agentName: '王芳',
  debtorRef: 'D-10023',
  disposition: 'promise-to-pay',
  promiseToPay: { amount: '1250.50', currency: 'CNY', date: '2026-12-05' },
  callbackAt: Date.UTC(2026, 11, 1, 2, 0),
  packId: 'cn-card-basic',
  packVersion: '3',
  notes: '客户同意分期，12月5日还款',
  complianceEvents: [
    { at: Date.UTC(2026, 10, 28, 1, 5), kind: 'warning', code: 'quiet-hours', detail: 'near 21:00' },
    { at: Date.UTC(2026, 10, 28, 1, 6), kind: 'override', code: 'quiet-hours', detail: 'near 21:00', reason: 'debtor asked' },
    { at: Date.UTC(2026, 10, 28, 1, 7), kind: 'warning', code: 'quiet-hours', detail: 'again' },
  ],
  redactions: [],
};

function rowOf(call: ExportableCall, timeZone = 'Asia/Shanghai'): Record<string, string> {
  const exporter = createCsvExporter({ timeZone });
  const [header, values] = parseCsv(exporter.header().slice(1) + exporter.row(call));
  return Object.fromEntries(header!.map((name, i) => [name, values![i]!]));
}

describe('createCsvExporter', () => {
  it('starts with a BOM and the exact header, ending in CRLF', () => {
    const header = createCsvExporter({ timeZone: 'UTC' }).header();
    expect(header.startsWith(UTF8_BOM)).toBe(true);
    expect(new TextEncoder().encode(header).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(header).toBe(
      '\uFEFFcall_id,agent,started_at,ended_at,duration_s,end_reason,direction,number_e164,number_raw,debtor_ref,disposition,' +
        'promise_amount,promise_currency,promise_date,callback_at,pack_id,pack_version,compliance_flags,notes\r\n',
    );
    expect(createCsvExporter({ timeZone: 'UTC', bom: false }).header().startsWith('call_id,')).toBe(true);
  });

  it('writes every column of a full record', () => {
    expect(rowOf(baseCall)).toEqual({
      call_id: 'call-1',
      agent: '王芳',
      started_at: '2026-11-28T09:05:00+08:00',
      ended_at: '2026-11-28T09:09:42+08:00',
      duration_s: '270',
      end_reason: 'hangup',
      direction: 'outbound',
      number_e164: '+8613800138000',
      number_raw: '13800138000',
      debtor_ref: 'D-10023',
      disposition: 'promise-to-pay',
      promise_amount: '1250.50',
      promise_currency: 'CNY',
      promise_date: '2026-12-05',
      callback_at: '2026-12-01T10:00:00+08:00',
      pack_id: 'cn-card-basic',
      pack_version: '3',
      compliance_flags: 'warning:quiet-hours;override:quiet-hours',
      notes: '客户同意分期，12月5日还款',
    });
  });

  it('leaves absent fields empty; an unanswered ended call lasts 0 s, a live one has no duration', () => {
    const bare: ExportableCall = {
      id: 'c2', direction: 'inbound', remoteNumber: '4155550100', phase: 'ended', startedAt: 0, endedAt: 30_000,
      origin: 'o', source: 'sip-ws', updatedAt: 0,
    };
    const row = rowOf(bare, 'UTC');
    expect(row.duration_s).toBe('0');
    expect(row.end_reason).toBe('');
    expect(rowOf({ ...bare, endReason: 'ended-unknown' }, 'UTC').end_reason).toBe('ended-unknown');
    expect(row.ended_at).toBe('1970-01-01T00:00:30+00:00');
    expect(row.agent).toBe('');
    expect(row.promise_amount).toBe('');
    expect(row.callback_at).toBe('');
    expect(row.compliance_flags).toBe('');
    const { endedAt: _ended, ...live } = bare;
    expect(rowOf({ ...live, phase: 'connected', connectedAt: 1000 }, 'UTC').duration_s).toBe('');
  });

  it('writes New York offsets on both sides of the DST change', () => {
    const winter = rowOf({ ...baseCall, startedAt: Date.UTC(2026, 0, 15, 14, 5), endedAt: undefined }, 'America/New_York');
    const summer = rowOf({ ...baseCall, startedAt: Date.UTC(2026, 6, 15, 13, 5), endedAt: undefined }, 'America/New_York');
    expect(winter.started_at).toBe('2026-01-15T09:05:00-05:00');
    expect(summer.started_at).toBe('2026-07-15T09:05:00-04:00');
  });

  it('every line ends in CRLF and has 19 fields', () => {
    const exporter = createCsvExporter({ timeZone: 'UTC' });
    const line = exporter.row({ ...baseCall, notes: 'line one\nline two\r\nline "three", end' });
    expect(line.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(exporter.header().slice(1) + line);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(EXPORT_COLUMNS.length);
    expect(rows[1]!.at(-1)).toBe('line one\nline two\r\nline "three", end');
  });

  it('survives any notes, agent and debtor text (round trip through an RFC 4180 parser)', () => {
    const unit = fc.constantFrom('a', 'Z', '中', '文', '"', ',', '\n', '\r', ' ', '=', '+', '-', '@', '\t', "'", '1', '😀');
    const text = fc.string({ unit, maxLength: 40 });
    const exporter = createCsvExporter({ timeZone: 'Asia/Shanghai' });
    const neutralised = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
    fc.assert(
      fc.property(text, text, text, (notes, agentName, debtorRef) => {
        const rows = parseCsv(exporter.header().slice(1) + exporter.row({ ...baseCall, notes, agentName, debtorRef }));
        const row = rows[1]!;
        expect(row).toHaveLength(19);
        expect(row[18]).toBe(neutralised(notes));
        expect(row[1]).toBe(neutralised(agentName));
        expect(row[9]).toBe(neutralised(debtorRef));
      }),
      { numRuns: 500 },
    );
  });
});

describe('formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', 'notes', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+SUM(A1)', 'notes', "'+SUM(A1)"],
    ['-2+3', 'notes', "'-2+3"],
    ['@cmd', 'agent', "'@cmd"],
    ['\tx', 'debtor_ref', "'\tx"],
    ['\rx', 'disposition', `"'\rx"`],
    ['-5', 'notes', "'-5"],
    ['=1+1', 'number_raw', "'=1+1"],
    ['+1 (415) 555-0100', 'number_raw', "'+1 (415) 555-0100"],
    ['-12.50', 'promise_amount', '-12.50'],
    ['-3', 'duration_s', '-3'],
    ['+8613800138000', 'number_e164', '+8613800138000'],
    ['+14155550100', 'number_raw', '+14155550100'],
    ['12', 'notes', '12'],
    ['a=b', 'notes', 'a=b'],
  ] as const)('%j in %s → %s', (value, column, expected) => {
    expect(csvCell(value, column)).toBe(expected);
  });

  it('neutralises a malicious record end to end', () => {
    const line = createCsvExporter({ timeZone: 'UTC', bom: false }).row({
      ...baseCall,
      agentName: '=cmd|" /C calc"!A0',
      notes: '@SUM(1,2)',
    });
    const [row] = parseCsv(line);
    expect(row![1]).toBe(`'=cmd|" /C calc"!A0`);
    expect(row![18]).toBe("'@SUM(1,2)");
    expect(row![7]).toBe('+8613800138000');
  });
});

describe('complianceFlags', () => {
  it('lists distinct kind:code pairs in order', () => {
    expect(complianceFlags(baseCall.complianceEvents)).toBe('warning:quiet-hours;override:quiet-hours');
    expect(complianceFlags([])).toBe('');
    expect(complianceFlags(undefined)).toBe('');
  });
});

describe('exportCsvChunks', () => {
  function* manyCalls(count: number): Generator<ExportableCall> {
    for (let i = 0; i < count; i += 1) {
      yield { ...baseCall, id: `call-${i}`, notes: `第${i}条, "note"\nsecond line` };
    }
  }

  it('streams a parseable file in bounded chunks and reports progress', async () => {
    const chunks: string[] = [];
    const progress: [number, number | undefined][] = [];
    for await (const chunk of exportCsvChunks(manyCalls(500), {
      timeZone: 'Asia/Shanghai',
      chunkSize: 4096,
      total: 500,
      onProgress: (done, total) => progress.push([done, total]),
    })) {
      chunks.push(chunk);
    }
    const oneRow = createCsvExporter({ timeZone: 'Asia/Shanghai' }).row(manyCalls(1).next().value!).length;
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(4096 + oneRow + 64);
    const text = chunks.join('');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(501);
    expect(rows[500]![0]).toBe('call-499');
    expect(rows[500]![18]).toBe('第499条, "note"\nsecond line');
    expect(progress.at(-1)).toEqual([500, 500]);
    const dones = progress.map(([done]) => done);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
  });

  it('reads async iterables one record at a time', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<ExportableCall> {
      for (const call of manyCalls(100)) {
        pulled += 1;
        yield call;
      }
    }
    const iterator = exportCsvChunks(source(), { timeZone: 'UTC', chunkSize: 1000 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(pulled).toBeLessThan(20);
    await iterator.return?.(undefined);
  });

  it('writes just the header for no records, and stops on abort', async () => {
    const empty: string[] = [];
    for await (const chunk of exportCsvChunks([], { timeZone: 'UTC' })) empty.push(chunk);
    expect(empty.join('')).toBe(createCsvExporter({ timeZone: 'UTC' }).header());

    const controller = new AbortController();
    const consume = async () => {
      for await (const _chunk of exportCsvChunks(manyCalls(1000), { timeZone: 'UTC', chunkSize: 100, signal: controller.signal })) {
        controller.abort(new Error('cancelled by agent'));
      }
    };
    await expect(consume()).rejects.toThrow('cancelled by agent');
  });
});

describe('the export documentation', () => {
  it('names every end reason the end_reason column can hold, in both READMEs', () => {
    const root = join(import.meta.dirname, '../../..');
    for (const file of ['README.md', 'lib/export/README.md']) {
      const row = readFileSync(join(root, file), 'utf8').split('\n').find((line) => line.startsWith('| `end_reason` |'));
      expect(row, file).toBeDefined();
      for (const reason of END_REASONS) expect(row, `${file}: ${reason}`).toContain(`\`${reason}\``);
    }
  });
});
