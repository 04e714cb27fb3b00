import { describe, expect, it } from 'vitest';
import { parseAttemptsCsv } from '../../../lib/compliance/index';
import { exportCsvChunks } from '../../../lib/export/csv';
import type { ExportableCall } from '../../../lib/export/types';

const utc = (iso: string): number => Date.parse(iso);
const HOME = '+12125550100';
const NY = 'America/New_York';

function call(overrides: Partial<ExportableCall> & Pick<ExportableCall, 'id'>): ExportableCall {
  return {
    direction: 'outbound',
    remoteNumber: '(212) 555-0100',
    numberE164: HOME,
    phase: 'ended',
    startedAt: utc('2026-03-09T18:05:00Z'),
    endedAt: utc('2026-03-09T18:06:00Z'),
    endReason: 'hangup',
    origin: 'https://dialer.example',
    source: 'sip-ws',
    updatedAt: utc('2026-03-09T18:06:00Z'),
    ...overrides,
  } as ExportableCall;
}

async function exported(calls: ExportableCall[], timeZone = NY): Promise<string> {
  let text = '';
  for await (const chunk of exportCsvChunks(calls, { timeZone })) text += chunk;
  return text;
}

describe('parseAttemptsCsv: OnScript export round trip', () => {
  it('imports the finished calls of its own export as the log counts them', async () => {
    const calls = [
      // Connected outbound call: a conversation; notes with a quoted newline and a delimiter.
      call({ id: 'c1', connectedAt: utc('2026-03-09T18:05:10Z'), debtorRef: '-ACC-1', notes: 'said "later",\r\ncall back' }),
      // Nobody answered: unanswered.
      call({ id: 'c2', startedAt: utc('2026-03-10T15:00:00Z'), endReason: 'cancelled' }),
      // Failed before ringing: did not connect; number only as dialled.
      call({ id: 'c3', startedAt: utc('2026-03-10T16:00:00Z'), endReason: 'failed', numberE164: undefined }),
      // Inbound conversation: counts towards cool-downs only.
      call({ id: 'c4', direction: 'inbound', connectedAt: utc('2026-03-09T18:05:10Z') }),
      // Inbound missed call and a live call: not attempts.
      call({ id: 'c5', direction: 'inbound', endReason: 'cancelled' }),
      call({ id: 'c6', phase: 'connected', endedAt: undefined, endReason: undefined }),
    ];
    const result = parseAttemptsCsv(await exported(calls), { defaultCountry: 'US' });
    expect(result.errors).toEqual([]);
    expect(result.format).toBe('onscript-export');
    expect(result.skipped).toBe(2);
    expect(result.attempts).toEqual([
      { at: utc('2026-03-09T18:05:00Z'), phoneE164: HOME, outcome: 'conversation', debtorRef: '-ACC-1' },
      { at: utc('2026-03-10T15:00:00Z'), phoneE164: HOME, outcome: 'unanswered' },
      { at: utc('2026-03-10T16:00:00Z'), phoneE164: HOME, outcome: 'no-connect' },
      { at: utc('2026-03-09T18:05:00Z'), phoneE164: HOME, outcome: 'conversation', direction: 'inbound' },
    ]);
  });
});

describe('parseAttemptsCsv: what spreadsheets write', () => {
  it('reads ;-separated files (European Excel) and tab-separated ones', () => {
    const semicolon = 'at;debtor_ref;number;outcome\r\n2026-07-01T14:00:00Z;"ACC;1";+12125550100;unanswered\r\n';
    const semi = parseAttemptsCsv(semicolon);
    expect(semi.errors).toEqual([]);
    expect(semi.attempts).toEqual([{ at: utc('2026-07-01T14:00:00Z'), debtorRef: 'ACC;1', phoneE164: HOME, outcome: 'unanswered' }]);
    const tabs = parseAttemptsCsv('at\tdebtor_ref\tnumber\toutcome\n2026-07-01T14:00:00Z\tACC-1\t+12125550100\tvoicemail\n');
    expect(tabs.errors).toEqual([]);
    expect(tabs.attempts[0]?.outcome).toBe('voicemail');
  });

  it('keeps quoted newlines inside a field and numbers later lines by where they are in the file', () => {
    const csv = [
      'at,debtor_ref,number,outcome',
      '2026-07-01T14:00:00Z,"ACC',
      'two lines",+12125550100,unanswered',
      '2026-07-01T15:00:00Z,ACC-2,not a number,unanswered',
    ].join('\n');
    const result = parseAttemptsCsv(csv);
    expect(result.attempts).toEqual([{ at: utc('2026-07-01T14:00:00Z'), debtorRef: 'ACC\ntwo lines', phoneE164: HOME, outcome: 'unanswered' }]);
    expect(result.errors).toEqual([{ line: 4, message: expect.stringMatching(/not a phone number/), problems: [{ code: 'number', params: { column: 'number', value: expect.any(String) } }] }]);
  });

  it('reads 3/9/2026 14:05 month first in the US, in the given zone', () => {
    const csv = 'at,debtor_ref,number,outcome\n3/9/2026 14:05,ACC-1,+12125550100,unanswered\n';
    const result = parseAttemptsCsv(csv, { defaultCountry: 'US', timeZone: NY });
    expect(result.errors).toEqual([]);
    // 9 March 2026 is the day after the US clocks went forward: 14:05 EDT is 18:05Z.
    expect(result.attempts[0]?.at).toBe(utc('2026-03-09T18:05:00Z'));
    expect(result.dateOrderUsed).toBe('month-first');
  });

  it('reads the same date day first elsewhere, or when the file shows a day over 12, or when asked', () => {
    const csv = (dates: string[]) => ['at,debtor_ref,number,outcome', ...dates.map((date) => `${date},ACC-1,+12125550100,unanswered`)].join('\n');
    const london = parseAttemptsCsv(csv(['3/9/2026 14:05']), { defaultCountry: 'GB', timeZone: 'Europe/London' });
    expect(london.attempts[0]?.at).toBe(utc('2026-09-03T13:05:00Z'));
    expect(london.dateOrderUsed).toBe('day-first');
    const detected = parseAttemptsCsv(csv(['3/9/2026 14:05', '25/9/2026 09:00']), { defaultCountry: 'US', timeZone: NY });
    expect(detected.errors).toEqual([]);
    expect(detected.dateOrderUsed).toBe('day-first');
    expect(detected.attempts[0]?.at).toBe(utc('2026-09-03T18:05:00Z'));
    const asked = parseAttemptsCsv(csv(['3/9/2026 14:05']), { defaultCountry: 'US', timeZone: NY, dateOrder: 'day-first' });
    expect(asked.attempts[0]?.at).toBe(utc('2026-09-03T18:05:00Z'));
  });

  it('reads year-first local times (2026/3/9 14:05, 2026-03-09 14:05:30) and dotted dates', () => {
    const csv = [
      'at,debtor_ref,number,outcome',
      '2026/3/9 14:05,A,+8613800138000,unanswered',
      '2026-03-09 14:05:30,A,+8613800138000,unanswered',
      '09.03.2026 14:05,A,+8613800138000,unanswered',
    ].join('\n');
    const result = parseAttemptsCsv(csv, { defaultCountry: 'CN', timeZone: 'Asia/Shanghai' });
    expect(result.errors).toEqual([]);
    expect(result.attempts.map((attempt) => attempt.at)).toEqual([
      utc('2026-03-09T06:05:00Z'),
      utc('2026-03-09T06:05:30Z'),
      utc('2026-03-09T06:05:00Z'),
    ]);
  });

  it('says why a date cannot be read: no zone given, impossible date, mixed orders', () => {
    const line = (date: string) => `at,debtor_ref,number,outcome\n${date},A,+12125550100,unanswered\n`;
    expect(parseAttemptsCsv(line('3/9/2026 14:05')).errors[0]?.message).toMatch(/no UTC offset .* and no time zone/);
    expect(parseAttemptsCsv(line('2/30/2026 14:05'), { defaultCountry: 'US', timeZone: NY }).errors[0]?.message).toMatch(/not a valid date \(read month first\)/);
    expect(parseAttemptsCsv(line('yesterday'), { timeZone: NY }).errors[0]?.message).toMatch(/must be a date and time/);
    const mixed = parseAttemptsCsv(`${line('13/1/2026 10:00')}1/13/2026 10:00,A,+12125550100,unanswered\n`, { timeZone: NY });
    expect(mixed.errors.map((error) => error.message).join('\n')).toMatch(/mix day-first .* and month-first/);
  });
});
