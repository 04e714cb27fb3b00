import { describe, expect, it } from 'vitest';
import {
  checkShape,
  cleanText,
  createRateLimiter,
  ownField,
  ownString,
  parseBoundedJson,
  unexpectedKeys,
  DEFAULT_SHAPE_LIMITS,
} from '../../../lib/detection/guard';

describe('createRateLimiter', () => {
  it('allows a burst, then refills at the sustained rate from the injected clock', () => {
    let now = 10_000;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.tryTake())).toEqual([true, true, true, false]);
    now += 499;
    expect(limiter.tryTake()).toBe(false);
    now += 1;
    expect(limiter.tryTake()).toBe(true);
    expect(limiter.tryTake()).toBe(false);
    now += 60_000;
    expect(limiter.available()).toBe(3);
  });

  it('charges a cost and refuses what it cannot pay without taking tokens', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 5, now: () => 0 });
    expect(limiter.tryTake(4)).toBe(true);
    expect(limiter.tryTake(2)).toBe(false);
    expect(limiter.available()).toBe(1);
    expect(limiter.tryTake(0)).toBe(false);
    expect(limiter.tryTake(-1)).toBe(false);
  });

  it('mints no tokens when the clock goes backwards', () => {
    let now = 5000;
    const limiter = createRateLimiter({ perSecond: 10, burst: 1, now: () => now });
    expect(limiter.tryTake()).toBe(true);
    now = 0;
    expect(limiter.tryTake()).toBe(false);
    now = 5050;
    expect(limiter.tryTake()).toBe(false);
    now = 5100;
    expect(limiter.tryTake()).toBe(true);
  });

  it('rejects nonsense settings', () => {
    expect(() => createRateLimiter({ perSecond: 0, burst: 1, now: () => 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ perSecond: 1, burst: Number.NaN, now: () => 0 })).toThrow(RangeError);
  });
});

describe('checkShape', () => {
  it('accepts plain data within limits', () => {
    expect(checkShape({ a: [1, 'two', null, true, { b: Object.create(null) as object }] })).toEqual({ ok: true });
  });

  it.each([
    ['a function', { f: () => 1 }, 'bad-shape', '$.f'],
    ['NaN', { n: Number.NaN }, 'bad-shape', '$.n'],
    ['a class instance', { d: new Date(0) }, 'bad-shape', '$.d'],
    ['a Map', new Map(), 'bad-shape', '$'],
    ['undefined', { u: undefined }, 'bad-shape', '$.u'],
    ['a long string', { s: 'x'.repeat(DEFAULT_SHAPE_LIMITS.maxStringLength + 1) }, 'too-large', '$.s'],
    ['a long array', { a: new Array(201).fill(0) }, 'too-large', '$.a'],
  ])('rejects %s', (_name, value, reason, path) => {
    expect(checkShape(value)).toEqual({ ok: false, reason, path });
  });

  it('bounds depth, node count and total characters', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20; i += 1) deep = [deep];
    expect(checkShape(deep)).toMatchObject({ ok: false, reason: 'too-large' });
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    expect(checkShape(wide)).toMatchObject({ ok: false, reason: 'too-large' });
    const limits = { ...DEFAULT_SHAPE_LIMITS, maxTotalChars: 10 };
    expect(checkShape({ a: '123456', b: '123456' }, limits)).toMatchObject({ ok: false, reason: 'too-large' });
  });
});

describe('field readers', () => {
  it('reads own fields only', () => {
    const record = JSON.parse('{"type":"x","__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(ownField(record, 'type')).toBe('x');
    expect(ownField(record, 'toString')).toBeUndefined();
    expect(ownField(record, 'constructor')).toBeUndefined();
    expect(ownString({ id: 42 }, 'id', 10)).toBe('42');
    expect(ownString({ id: 'abcdefghijk' }, 'id', 10)).toBeUndefined();
    expect(ownString({ id: Infinity }, 'id', 10)).toBeUndefined();
    expect(unexpectedKeys({ a: 1, b: 2, c: 3 }, ['a', 'b'])).toEqual(['c']);
  });

  it('parses bounded JSON only', () => {
    expect(parseBoundedJson('{"a":1}', 100)).toEqual({ a: 1 });
    expect(parseBoundedJson('{"a":1}', 3)).toBeUndefined();
    expect(parseBoundedJson('{oops', 100)).toBeUndefined();
  });

  it('cleans page text for display as text', () => {
    expect(cleanText('  +1\u202e555\n\t0100  ', 64)).toBe('+1 555 0100');
    expect(cleanText('x'.repeat(100_000), 10)).toBe('x'.repeat(10));
  });
});
