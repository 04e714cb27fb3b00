import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACKS } from '../../../lib/packs/defaults/index.ts';
import { createPackTemplate, DISPOSITION_FLAGS, PACK_FORMATS, PACK_LIMITS, VARIABLE_TYPES } from '../../../lib/packs/index.ts';
import { minimalPack } from './fixtures.ts';
import { CALENDAR_LIMITS } from '../../../lib/compliance/calendar-data.ts';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('../../../lib/packs/script-pack.schema.json', import.meta.url), 'utf8')) as Schema;

/**
 * A small interpreter for the JSON Schema keywords the published schema uses, so the tests can prove the schema
 * accepts what parsePack accepts (and refuses what it refuses) without a schema library.
 */
function validate(value: unknown, node: Schema, path = ''): string[] {
  const errors: string[] = [];
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/$defs/', '');
    return validate(value, (schema.$defs as Record<string, Schema>)[name] as Schema, path);
  }
  const fail = (why: string): void => {
    errors.push(`${path}: ${why}`);
  };
  if ('const' in node && value !== node.const) fail('const');
  if (Array.isArray(node.enum) && !node.enum.includes(value)) fail('enum');
  if (node.not && validate(value, node.not as Schema, path).length === 0) fail('not');
  if (node.type === 'string') {
    if (typeof value !== 'string') fail('type');
    else {
      if (typeof node.minLength === 'number' && value.length < node.minLength) fail('minLength');
      if (typeof node.maxLength === 'number' && value.length > node.maxLength) fail('maxLength');
      if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) fail('pattern');
    }
  }
  if (node.type === 'boolean' && typeof value !== 'boolean') fail('type');
  if (node.type === 'integer') {
    if (!Number.isInteger(value)) fail('type');
    else {
      if (typeof node.minimum === 'number' && (value as number) < node.minimum) fail('minimum');
      if (typeof node.maximum === 'number' && (value as number) > node.maximum) fail('maximum');
    }
  }
  if (node.type === 'array') {
    if (!Array.isArray(value)) fail('type');
    else {
      if (typeof node.minItems === 'number' && value.length < node.minItems) fail('minItems');
      if (typeof node.maxItems === 'number' && value.length > node.maxItems) fail('maxItems');
      if (node.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('uniqueItems');
      value.forEach((item, i) => errors.push(...validate(item, node.items as Schema, `${path}/${i}`)));
    }
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (node.type === 'object' && !isObject) fail('type');
  // Object keywords apply to any object, with or without "type" (the oneOf branches of a choice have none).
  if (isObject) {
    {
      const record = value as Record<string, unknown>;
      const properties = (node.properties ?? {}) as Record<string, Schema>;
      for (const key of (node.required ?? []) as string[]) if (!(key in record)) fail(`required ${key}`);
      if (typeof node.minProperties === 'number' && Object.keys(record).length < node.minProperties) fail('minProperties');
      if (typeof node.maxProperties === 'number' && Object.keys(record).length > node.maxProperties) fail('maxProperties');
      const names = node.propertyNames as Schema | undefined;
      for (const [key, item] of Object.entries(record)) {
        if (names) errors.push(...validate(key, { type: 'string', ...names }, `${path}/${key} (name)`));
        if (properties[key]) errors.push(...validate(item, properties[key], `${path}/${key}`));
        else if (node.additionalProperties === false) fail(`additional ${key}`);
        else if (typeof node.additionalProperties === 'object') errors.push(...validate(item, node.additionalProperties as Schema, `${path}/${key}`));
      }
    }
  }
  if (Array.isArray(node.oneOf)) {
    const passing = (node.oneOf as Schema[]).filter((option) => validate(value, option, path).length === 0).length;
    if (passing !== 1) fail(`oneOf matched ${passing}`);
  }
  return errors;
}

describe('published JSON Schema', () => {
  it('declares draft 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts both default packs and the test fixture', () => {
    for (const pack of [...DEFAULT_PACKS, minimalPack(), createPackTemplate()]) expect(validate(JSON.parse(JSON.stringify(pack)), schema)).toEqual([]);
  });

  it('refuses unknown fields, bad versions, choices with both targets and too many choices', () => {
    const extra = { ...minimalPack(), extra: 1 };
    expect(validate(extra, schema)).toContain(': additional extra');
    expect(validate({ ...minimalPack(), version: '1.0' }, schema)).toContain('/version: pattern');
    const both = minimalPack();
    both.steps[2]!.choices![0] = { ...both.steps[2]!.choices![0]!, next: 'greeting' };
    expect(validate(both, schema)).toContain('/steps/2/choices/0: oneOf matched 2');
    const many = minimalPack();
    many.steps[3]!.choices = Array.from({ length: 10 }, () => ({ label: { en: 'x', 'zh-CN': 'x' }, disposition: 'WRONG' }));
    expect(validate(many, schema)).toContain('/steps/3/choices: maxItems');
    const reserved = minimalPack();
    reserved.steps[3]!.id = 'constructor';
    expect(validate(reserved, schema)).toContain('/steps/3/id: not');
  });

  it('accepts holiday tables in compliance.calendars and refuses unknown fields inside a year', () => {
    const pack = minimalPack() as unknown as { compliance: Record<string, unknown> };
    pack.compliance.calendars = { CN: { '2027': { holidays: ['2027-01-01'], workdays: ['2027-02-07'] } } };
    expect(validate(pack, schema)).toEqual([]);
    pack.compliance.calendars = { CN: { '2027': { holidays: ['2027-01-01'], extra: [] } } };
    expect(validate(pack, schema)).toContain('/compliance/calendars/CN/2027: additional extra');
    pack.compliance.calendars = { cn: { '27': { holidays: ['1 Jan'] } } };
    expect(validate(pack, schema)).toEqual([
      '/compliance/calendars/cn (name): pattern',
      '/compliance/calendars/cn/27 (name): pattern',
      '/compliance/calendars/cn/27/holidays/0: pattern',
    ]);
    const defs = schema.$defs as Record<string, Schema>;
    expect(defs.calendars!.maxProperties).toBe(CALENDAR_LIMITS.countries);
    expect((defs.calendars!.additionalProperties as Schema).maxProperties).toBe(CALENDAR_LIMITS.yearsPerCountry);
    expect(defs.dateList!.maxItems).toBe(CALENDAR_LIMITS.datesPerList);
  });

  it('matches the limits and enums of the TypeScript side', () => {
    const defs = schema.$defs as Record<string, Schema>;
    const stepProps = defs.step!.properties as Record<string, Schema>;
    expect(stepProps.choices!.maxItems).toBe(PACK_LIMITS.choices);
    expect(stepProps.checks!.maxItems).toBe(PACK_LIMITS.checks);
    expect(stepProps.say!.maxItems).toBe(PACK_LIMITS.sayLines);
    expect(((schema.properties as Record<string, Schema>).steps!).maxItems).toBe(PACK_LIMITS.steps);
    expect(((defs.variable!.properties as Record<string, Schema>).type!).enum).toEqual([...VARIABLE_TYPES]);
    expect((((defs.disposition!.properties as Record<string, Schema>).flags!).items as Schema).enum).toEqual([...DISPOSITION_FLAGS]);
    expect(((schema.properties as Record<string, Schema>).forbiddenPhrases!).maxItems).toBe(PACK_LIMITS.forbiddenPhrases);
    expect(((defs.compliance!.properties as Record<string, Schema>).debtGate!).maxItems).toBe(PACK_LIMITS.debtGate);
    expect(((schema.properties as Record<string, Schema>).format!).enum).toEqual([...PACK_FORMATS]);
  });
});
