import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFormula, type FormulaResult, parseFormula } from './formula.js';

const parsed = (formula: string) => {
  const r = parseFormula(formula);
  if (!r.ok) throw new Error(`expected ${formula} to parse: ${r.reason}`);
  return r;
};
const evaluate = (formula: string, values: Array<number | null>) =>
  evaluateFormula(parsed(formula).ast, values);
const reason = (r: FormulaResult) => (r.ok ? null : r.reason);

describe('parseFormula', () => {
  it('finds references in order of first appearance, each once', () => {
    expect(parsed('{KTS_DN_NTS} / {KTS_DN_TONG} * 100').refs).toEqual(['KTS_DN_NTS', 'KTS_DN_TONG']);
    expect(parsed('({B} + {A}) / ({A} + {C} + {B})').refs).toEqual(['B', 'A', 'C']);
    expect(parsed('{A} * {A}').refs).toEqual(['A']);
  });

  it('accepts codes with dots, dashes and underscores', () => {
    expect(parsed('{CQS.1-a_b} + {2024x}').refs).toEqual(['CQS.1-a_b', '2024x']);
  });

  it('accepts numbers, + - * /, unary signs and parentheses', () => {
    for (const f of [
      '{A}',
      '-{A}',
      '+{A}',
      '{A} - -{B}',
      '1.5 * ({A} + 2) / 3',
      '{A} * 1e3',
      '((({A})))',
      '{A}/{B}*100',
    ])
      expect(parseFormula(f).ok, f).toBe(true);
  });

  it('needs at least one reference', () => {
    expect(reason(parseFormula(''))).toBe('no {CODE} reference');
    expect(reason(parseFormula('1 + 2'))).toBe('no {CODE} reference');
    expect(reason(parseFormula('A + B'))).toBe('no {CODE} reference');
  });

  it.each([
    ['{A} % 2', 'operator % is not allowed'],
    ['{A} ** 2', 'operator ** is not allowed'],
    ['{A} == 1', 'operator == is not allowed'],
    ['{A} > {B}', 'operator > is not allowed'],
    ['{A} && {B}', 'operator && is not allowed'],
    ['{A} | 1', 'operator | is not allowed'],
    ['{A} << 1', 'operator << is not allowed'],
    ['!{A}', 'operator ! is not allowed'],
    ['~{A}', 'operator ~ is not allowed'],
  ])('rejects the operator in %s', (f, why) => {
    expect(reason(parseFormula(f))).toBe(why);
  });

  it.each([
    ['max({A}, {B})', 'CallExpression is not allowed'],
    ['Math.max({A})', 'CallExpression is not allowed'],
    ['{A} > 1 ? 1 : 0', 'ConditionalExpression is not allowed'],
    ['{A}[0]', 'MemberExpression is not allowed'],
    ['{A}.length', 'MemberExpression is not allowed'],
    ['[{A}]', 'ArrayExpression is not allowed'],
    ['({A}, {B})', 'SequenceExpression is not allowed'],
    ['{A} {B}', 'Compound is not allowed'],
    ['this + {A}', 'ThisExpression is not allowed'],
  ])('rejects functions and other syntax: %s', (f, why) => {
    expect(reason(parseFormula(f))).toBe(why);
  });

  it.each([
    ['{A} + x', 'unknown name x'],
    ['{A} * pi', 'unknown name pi'],
    ['{A} + __r0', 'unknown name __r0'],
    ['{A} + __r1', 'unknown name __r1'],
    ['{A} * constructor', 'unknown name constructor'],
  ])('rejects identifiers other than references: %s', (f, why) => {
    expect(reason(parseFormula(f))).toBe(why);
  });

  it('rejects literals other than numbers', () => {
    expect(reason(parseFormula('"1" + {A}'))).toBe('only numbers are allowed');
    expect(reason(parseFormula("{A} + 'x'"))).toBe('only numbers are allowed');
    expect(reason(parseFormula('true * {A}'))).toBe('only numbers are allowed');
    expect(reason(parseFormula('{A} + null'))).toBe('only numbers are allowed');
  });

  it('reports syntax errors instead of throwing', () => {
    for (const f of ['{A} +', '({A}', '{A})', '{A B}', '{} + {A}', '0x10 + {A}', '{A} ; {B}']) {
      const r = parseFormula(f);
      expect(r.ok, f).toBe(false);
      expect(reason(r), f).toEqual(expect.any(String));
    }
  });
});

describe('evaluateFormula', () => {
  it('computes with the operands in reference order', () => {
    expect(evaluate('{KTS_DN_NTS} / {KTS_DN_TONG} * 100', [30, 120])).toBe(25);
    expect(evaluate('({B} + {A}) / 2', [10, 20])).toBe(15);
    expect(evaluate('{A} - -{B}', [1, 2])).toBe(3);
    expect(evaluate('-{A} + +{B}', [1, 2])).toBe(1);
    expect(evaluate('2 * {A} - {A} / 4', [8])).toBe(14);
    expect(evaluate('{A} - {B} - {C}', [10, 3, 2])).toBe(5);
    expect(evaluate('{A} / {B} / {C}', [100, 10, 2])).toBe(5);
    expect(evaluate('{A} + {B} * {C}', [1, 2, 3])).toBe(7);
  });

  it('gives null when an operand is missing', () => {
    expect(evaluate('{A} + {B}', [1, null])).toBeNull();
    expect(evaluate('{A} * 0 + {B}', [null, 5])).toBeNull();
    expect(evaluate('-{A}', [null])).toBeNull();
    expect(evaluate('{A} + {B}', [1])).toBeNull();
    expect(evaluate('{A}', [])).toBeNull();
  });

  it('gives null on division by zero, never Infinity or NaN', () => {
    expect(evaluate('{A} / {B}', [1, 0])).toBeNull();
    expect(evaluate('{A} / {B}', [0, 0])).toBeNull();
    expect(evaluate('{A} / ({B} - {B})', [1, 5])).toBeNull();
    expect(evaluate('{A} / 0', [5])).toBeNull();
    expect(evaluate('{A} * {A}', [1e200])).toBeNull();
    expect(evaluate('{A} + 1', [Number.NaN])).toBeNull();
  });

  it('a zero numerator is zero, not missing', () => {
    expect(evaluate('{A} / {B} * 100', [0, 7])).toBe(0);
  });

  it('agrees with arithmetic for random operands', () => {
    const ast = parsed('({A} + {B}) * {C} / ({A} - {D})').ast;
    const n = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(n, n, n, n, (a, b, c, d) => {
        const expected = a - d === 0 ? null : ((a + b) * c) / (a - d);
        const got = evaluateFormula(ast, [a, b, c, d]);
        if (expected === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(expected, 9);
      }),
    );
  });
});
