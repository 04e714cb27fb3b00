import { describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES, MAX_PACK_DEPTH, PACK_FORMAT, parsePack, type PackIssue, type ParsePackResult } from '../../../lib/packs/index.ts';
import { both, minimalPack } from './fixtures.ts';

function errorsOf(result: ParsePackResult): PackIssue[] {
  if (result.ok) throw new Error('expected the pack to be refused');
  return result.errors;
}

function expectError(input: unknown, path: string, message: RegExp): void {
  const errors = errorsOf(parsePack(input));
  expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
}

describe('parsePack: valid input', () => {
  it('accepts an object and returns an equal, fresh pack', () => {
    const input = minimalPack();
    const result = parsePack(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack).toEqual(input);
    expect(result.pack).not.toBe(input);
    expect(result.pack.steps[0]).not.toBe(input.steps[0]);
    expect(result.warnings).toEqual([]);
    // Changing the input afterwards does not reach the parsed pack.
    input.steps[0]!.title.en = 'changed';
    expect(result.pack.steps[0]!.title.en).toBe('Greeting');
  });

  it('accepts the same pack as JSON text with any indentation', () => {
    const result = parsePack(JSON.stringify(minimalPack(), null, 4));
    expect(result.ok).toBe(true);
  });

  it('defaults optional lists to empty', () => {
    const input: Record<string, unknown> = { ...minimalPack() };
    delete input.objections;
    const result = parsePack(input);
    expect(result.ok && result.pack.objections).toEqual([]);
  });

  it('accepts a single-language pack', () => {
    const pack = JSON.parse(JSON.stringify(minimalPack()).replace(/,?"zh-CN":"[^"]*"/g, '').replace(/\{,/g, '{')) as Record<string, unknown>;
    pack.languages = ['en'];
    const result = parsePack(pack);
    expect(result.ok).toBe(true);
  });
});

describe('parsePack: structure errors carry JSON Pointer paths', () => {
  it('dangling choice reference', () => {
    const pack = minimalPack();
    pack.steps[0]!.choices![1]!.next = 'nowhere';
    expectError(pack, '/steps/0/choices/1/next', /no step has the id "nowhere"/);
  });

  it('dangling next, start and objection jump', () => {
    const pack = minimalPack();
    pack.steps[1]!.next = 'missing-step';
    pack.start = 'missing-start';
    pack.objections[0]!.goTo = 'missing-goto';
    const errors = errorsOf(parsePack(pack));
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/steps/1/next', '/start', '/objections/0/goTo']));
  });

  it('outcome flags for compliance: voicemail, noAnswer, noConnect are read; a disposition carries at most one outcome', () => {
    const pack = minimalPack();
    pack.dispositions.push(
      { code: 'VM', label: both('Voicemail'), flags: ['voicemail'] },
      { code: 'NA', label: both('No answer'), flags: ['noAnswer', 'callback'] },
      { code: 'BUSY', label: both('Busy'), flags: ['noConnect'] },
    );
    const result = parsePack(pack);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.pack.dispositions.slice(-3).map((d) => d.flags)).toEqual([['voicemail'], ['noAnswer', 'callback'], ['noConnect']]);

    const conflicting = minimalPack();
    conflicting.dispositions[0]!.flags = ['voicemail', 'rightPartyContact'];
    expectError(conflicting, '/dispositions/0/flags', /at most one of rightPartyContact, voicemail, noAnswer, noConnect \(found voicemail, rightPartyContact\)/);
  });

  it('compliance.calendars: holiday tables delivered with the pack are read, and each bad part is an error with its path', () => {
    const pack = minimalPack() as unknown as { format: string; compliance: Record<string, unknown> };
    // A v2 field: a v1 reader would refuse the pack.
    pack.format = PACK_FORMAT;
    pack.compliance.calendars = { CN: { '2027': { holidays: ['2027-01-01', '2027-02-08'], workdays: ['2027-02-07'] } } };
    const result = parsePack(pack);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.pack.compliance.calendars).toEqual({ CN: { '2027': { holidays: ['2027-01-01', '2027-02-08'], workdays: ['2027-02-07'] } } });

    pack.compliance.calendars = { CN: { '2027': { holidays: ['2027-13-01'], extra: [] } }, cn: {} };
    const errors = errorsOf(parsePack(pack));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/compliance/calendars/CN/2027/extra', message: 'unknown field' },
        { path: '/compliance/calendars/cn', message: 'not an ISO country code such as CN' },
      ]),
    );
    pack.compliance.calendars = { CN: { '2027': { holidays: ['2027-13-01'] } } };
    expectError(pack, '/compliance/calendars/CN/2027/holidays/0', /"2027-13-01" is not a date \(YYYY-MM-DD\) in 2027/);
  });

  it('unknown disposition code in a choice', () => {
    const pack = minimalPack();
    pack.steps[2]!.choices![0]!.disposition = 'NOPE';
    expectError(pack, '/steps/2/choices/0/disposition', /no disposition has the code "NOPE"/);
  });

  it('duplicate step, check, disposition, objection and variable ids', () => {
    const pack = minimalPack();
    pack.steps[3]!.id = 'identity';
    pack.steps[1]!.checks!.push({ id: 'named-self', label: both('again'), required: false });
    pack.dispositions[1]!.code = 'PTP';
    pack.objections.push({ ...pack.objections[0]! });
    pack.variables.push({ ...pack.variables[0]! });
    const paths = errorsOf(parsePack(pack)).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/steps/3/id', '/steps/1/checks/1/id', '/dispositions/1/code', '/objections/1/id', '/variables/2/key']),
    );
  });

  it('gate naming an unknown check, or a check on its own step', () => {
    const pack = minimalPack();
    pack.steps[2]!.gate = { requires: ['identity-ok', 'nonexistent'] };
    expectError(pack, '/steps/2/gate/requires/1', /no check has the id "nonexistent"/);
    const selfLocked = minimalPack();
    selfLocked.steps[1]!.gate = { requires: ['identity-ok'] };
    expectError(selfLocked, '/steps/1/gate/requires/0', /same step/);
  });

  it('missing translation, blank translation and unknown language', () => {
    const pack = minimalPack();
    delete pack.steps[3]!.title.en;
    expectError(pack, '/steps/3/title/en', /missing English translation/);
    const blank = minimalPack();
    blank.dispositions[0]!.label['zh-CN'] = '   ';
    expectError(blank, '/dispositions/0/label/zh-CN', /missing Chinese translation/);
    const unknown = minimalPack() as unknown as { title: Record<string, string> };
    unknown.title.fr = 'Bonjour';
    expectError(unknown, '/title/fr', /unknown language "fr"/);
  });

  it('invalid semver', () => {
    for (const version of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-', 'latest', '1.0.0.0']) {
      const pack = minimalPack();
      pack.version = version;
      expectError(pack, '/version', /not a semantic version/);
    }
  });

  it('unknown fields at every level', () => {
    const pack = minimalPack() as unknown as Record<string, unknown> & { steps: Record<string, unknown>[] };
    pack.extra = 1;
    pack.steps[0]!.onclick = 'alert(1)';
    (pack.steps[0]!.choices as Record<string, unknown>[])[0]!.href = 'javascript:alert(1)';
    const paths = errorsOf(parsePack(pack)).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/extra', '/steps/0/onclick', '/steps/0/choices/0/href']));
  });

  it('missing required fields and wrong types', () => {
    const pack = minimalPack() as unknown as Record<string, unknown>;
    delete pack.id;
    pack.steps = 'not a list';
    pack.languages = ['en', 'en'];
    const errors = errorsOf(parsePack(pack));
    expect(errors).toContainEqual({ path: '/id', message: 'missing required field "id"' });
    expect(errors).toContainEqual({ path: '/steps', message: 'must be a list' });
    expect(errors).toContainEqual({ path: '/languages/1', message: '"en" is listed twice' });
  });

  it('a choice must have exactly one of next and disposition', () => {
    const pack = minimalPack();
    pack.steps[2]!.choices![0] = { label: both('Both'), next: 'greeting', disposition: 'PTP' };
    expectError(pack, '/steps/2/choices/0', /exactly one of "next"/);
  });

  it('dead-end steps, too many choices, undeclared and malformed variables', () => {
    const deadEnd = minimalPack();
    delete deadEnd.steps[1]!.next;
    expectError(deadEnd, '/steps/1', /dead end/);
    const tooMany = minimalPack();
    tooMany.steps[3]!.choices = Array.from({ length: 10 }, () => ({ label: both('x'), disposition: 'WRONG' }));
    expectError(tooMany, '/steps/3/choices', /at most 9/);
    const undeclared = minimalPack();
    undeclared.steps[0]!.say![0]!.text.en = 'Hi {{customer.name}}';
    expectError(undeclared, '/steps/0/say/0/text/en', /\{\{customer\.name\}\} is not declared/);
    const malformed = minimalPack();
    malformed.steps[0]!.say![0]!.text['zh-CN'] = '你好 {{ agent name }}';
    expectError(malformed, '/steps/0/say/0/text/zh-CN', /not a valid variable name/);
  });

  it('reserved names as ids and keys', () => {
    const pack = minimalPack();
    pack.steps[3]!.id = 'constructor';
    expectError(pack, '/steps/3/id', /reserved/);
    const variable = minimalPack();
    variable.variables[0]!.key = 'agent.constructor';
    expectError(variable, '/variables/0/key', /reserved/);
  });

  it('escapes "/" and "~" in paths of unknown keys', () => {
    const pack = minimalPack() as unknown as Record<string, unknown>;
    pack['a/b~c'] = true;
    expectError(pack, '/a~1b~0c', /unknown field/);
  });

  it('refuses an unsupported format marker', () => {
    const pack = minimalPack() as unknown as Record<string, unknown>;
    pack.format = 'onscript-pack/3';
    expectError(pack, '/format', /unsupported format "onscript-pack\/3"; this version reads "onscript-pack\/1" and "onscript-pack\/2"/);
  });
});

describe('parsePack: warnings', () => {
  it('reports unreachable steps as warnings, not errors', () => {
    const pack = minimalPack();
    pack.steps.push({ id: 'orphan', title: both('Orphan'), choices: [{ label: both('End'), disposition: 'PTP' }] });
    const result = parsePack(pack);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual({ path: '/steps/4', message: expect.stringMatching(/^warning: step "orphan" cannot be reached/) });
  });

  it('counts objection jumps as a way to reach a step', () => {
    const pack = minimalPack();
    pack.steps.push({ id: 'faq-only', title: both('FAQ'), choices: [{ label: both('End'), disposition: 'PTP' }] });
    pack.objections[0]!.goTo = 'faq-only';
    const result = parsePack(pack);
    expect(result.warnings.filter((w) => w.path === '/steps/4' && /cannot be reached/.test(w.message))).toEqual([]);
  });

  it('warns when an optional variable stands in a required sentence, or an optional part depends on nothing optional', () => {
    const pack = minimalPack();
    pack.variables.push({ key: 'debt.interest', label: both('Interest'), type: 'money', required: false });
    pack.steps[2]!.say = [
      { text: both('You owe {{debt.amount}}, of which {{debt.interest}} is interest.') },
      { text: both('You owe {{debt.amount}}[[, of which {{debt.interest}} is interest]].') },
      { text: both('Hello[[ {{debt.amount}}]].') },
    ];
    const warnings = parsePack(pack).warnings.filter((warning) => warning.path.startsWith('/steps/2/say'));
    expect(warnings).toEqual([
      { path: '/steps/2/say/0/text/zh-CN', message: expect.stringMatching(/^warning: \{\{debt\.interest\}\} is optional but stands in a required sentence/) },
      { path: '/steps/2/say/0/text/en', message: expect.stringMatching(/^warning: \{\{debt\.interest\}\} is optional but stands in a required sentence/) },
      { path: '/steps/2/say/2/text/zh-CN', message: expect.stringMatching(/holds no optional variable/) },
      { path: '/steps/2/say/2/text/en', message: expect.stringMatching(/holds no optional variable/) },
    ]);
  });

  it('refuses unbalanced [[ ]] in a v2 pack, and only warns in a v1 pack whose text may hold them', () => {
    const pack = minimalPack();
    pack.steps[0]!.say = [{ text: both('Hello [[ {{agent.name}}') }];
    expect(parsePack(pack).warnings).toContainEqual({ path: '/steps/0/say/0/text/en', message: 'warning: "[[" without a matching "]]"; the line is shown as typed' });
    pack.format = 'onscript-pack/2';
    expectError(pack, '/steps/0/say/0/text/en', /^"\[\[" without a matching "\]\]"$/);
  });

  it('reads forbidden phrases (v2): each needs an id, both texts and at least one term; ids are unique', () => {
    const pack = minimalPack();
    pack.format = 'onscript-pack/2';
    pack.forbiddenPhrases = [{ id: 'jail', phrase: both('“You will go to jail.”'), reason: both('FDCPA 1692e(4)'), terms: ['jail', '坐牢'] }];
    const result = parsePack(pack);
    expect(result.ok && result.pack.forbiddenPhrases).toEqual(pack.forbiddenPhrases);
    pack.forbiddenPhrases.push({ id: 'jail', phrase: both('x'), reason: both('y'), terms: [] });
    const errors = errorsOf(parsePack(pack));
    expect(errors).toContainEqual({ path: '/forbiddenPhrases/1/terms', message: 'must not be empty' });
    pack.forbiddenPhrases[1]!.terms = ['x'];
    expectError(pack, '/forbiddenPhrases/1/id', /duplicate forbidden phrase id "jail"/);
  });

  it('warns about HTML in text but keeps it as typed', () => {
    const pack = minimalPack();
    pack.steps[0]!.title.en = '<b>Hi</b>';
    const result = parsePack(pack);
    expect(result.ok && result.pack.steps[0]!.title.en).toBe('<b>Hi</b>');
    expect(result.warnings).toContainEqual({ path: '/steps/0/title/en', message: expect.stringMatching(/plain text/) });
  });
});

describe('parsePack: hostile input', () => {
  it('malformed JSON', () => {
    const errors = errorsOf(parsePack('{"format": "onscript-pack/1",'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual({ path: '', message: expect.stringMatching(/^malformed JSON/) });
  });

  it('text over 1 MB, including a 10 MB pack, is refused before parsing', () => {
    const big = minimalPack();
    big.steps[0]!.body = both('x'.repeat(MAX_PACK_BYTES));
    expectError(JSON.stringify(big), '', /larger than 1 MB/);
    expectError(`"${'a'.repeat(10 * 1024 * 1024)}"`, '', /larger than 1 MB/);
    // Multi-byte characters count as bytes, not characters.
    expectError(`"${'债'.repeat(400_000)}"`, '', /larger than 1 MB/);
  });

  it('an object over 1 MB is refused too', () => {
    const big = minimalPack();
    big.objections = Array.from({ length: 300 }, (_, i) => ({ id: `o${i}`, question: both('q'), answer: both('a'.repeat(4000)), tags: [] }));
    expectError(big, '', /larger than 1 MB/);
  });

  it('deep nesting', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const errors = errorsOf(parsePack(deep));
    expect(errors[0]!.message).toMatch(new RegExp(`deeper than ${MAX_PACK_DEPTH} levels`));
    const pack = minimalPack() as unknown as Record<string, unknown>;
    let nested: Record<string, unknown> = {};
    pack.extra = nested;
    for (let i = 0; i < 40; i++) nested = nested.a = {} as Record<string, unknown>;
    expect(errorsOf(parsePack(pack))[0]!.message).toMatch(/deeper than/);
  });

  it('a cyclic object is refused, not looped over', () => {
    const pack = minimalPack() as unknown as Record<string, unknown>;
    pack.self = pack;
    expect(errorsOf(parsePack(pack))[0]!.message).toMatch(/deeper than/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a "%s" key anywhere', (key) => {
    const text = JSON.stringify(minimalPack()).replace('"id":"greeting"', `"id":"greeting","${key}":{"polluted":true}`);
    expectError(text, `/steps/0/${key}`, new RegExp(`"${key}" is not allowed`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nestedInText = JSON.stringify(minimalPack()).replace('"en":"Agent"', `"en":"Agent","${key}":"x"`);
    expectError(nestedInText, `/variables/0/label/${key}`, /not allowed/);
  });

  it('an object whose prototype was set through __proto__ is refused', () => {
    const pack = minimalPack();
    const hostile = Object.assign(Object.create({ polluted: true }) as object, pack);
    expectError(hostile, '', /plain JSON objects/);
  });

  it('parsing never pollutes Object.prototype', () => {
    parsePack('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"isAdmin": true}}}');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  it('non-JSON values in object input', () => {
    const pack = minimalPack() as unknown as Record<string, unknown>;
    pack.variables = [() => 1];
    expectError(pack, '/variables/0', /function is not a JSON value/);
    const infinite = minimalPack() as unknown as Record<string, unknown>;
    infinite.extra = Number.POSITIVE_INFINITY;
    expectError(infinite, '/extra', /finite/);
    const accessor = minimalPack() as unknown as Record<string, unknown>;
    Object.defineProperty(accessor, 'id', { get: () => 'x', enumerable: true });
    expectError(accessor, '/id', /accessor/);
  });

  it('non-object roots', () => {
    for (const input of ['null', '42', '"pack"', '[]', null, 7]) {
      expect(errorsOf(parsePack(input))).toContainEqual({ path: '', message: 'must be an object' });
    }
  });

  it('control characters in text', () => {
    const pack = minimalPack();
    pack.title.en = 'Hi\u0000there';
    expectError(pack, '/title/en', /control characters/);
  });
});
