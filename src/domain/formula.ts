/**
 * Derived indicators: a formula over other indicators, e.g. `{KTS_DN_NTS} / {KTS_DN_TONG} * 100`.
 * Parsed with jsep; only numbers, references, + - * / and parentheses are allowed.
 */
import jsep from 'jsep';

export type FormulaResult =
  | { ok: true; refs: string[]; ast: jsep.Expression }
  | { ok: false; reason: string };

const REF = /\{([A-Za-z0-9._-]+)\}/g;

export function parseFormula(formula: string): FormulaResult {
  // the placeholders below must come only from {CODE} references, never be typed in
  const typed = /__r\d+/.exec(formula.replace(REF, ' '));
  if (typed) return { ok: false, reason: `unknown name ${typed[0]}` };
  const refs: string[] = [];
  const text = formula.replace(REF, (_m, code: string) => {
    let i = refs.indexOf(code);
    if (i < 0) i = refs.push(code) - 1;
    return `__r${i}`;
  });
  if (refs.length === 0) return { ok: false, reason: 'no {CODE} reference' };
  let ast: jsep.Expression;
  try {
    ast = jsep(text);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const bad = check(ast);
  return bad ? { ok: false, reason: bad } : { ok: true, refs, ast };
}

function check(node: jsep.Expression): string | null {
  switch (node.type) {
    case 'Literal':
      return typeof (node as jsep.Literal).value === 'number' ? null : 'only numbers are allowed';
    case 'Identifier':
      return /^__r\d+$/.test((node as jsep.Identifier).name)
        ? null
        : `unknown name ${(node as jsep.Identifier).name}`;
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!['+', '-', '*', '/'].includes(b.operator)) return `operator ${b.operator} is not allowed`;
      return check(b.left) ?? check(b.right);
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      return u.operator === '-' || u.operator === '+'
        ? check(u.argument)
        : `operator ${u.operator} is not allowed`;
    }
    default:
      return `${node.type} is not allowed`;
  }
}

/** Evaluates with the operands' values (by reference order). Any missing operand or a division by zero gives null. */
export function evaluateFormula(ast: jsep.Expression, values: Array<number | null>): number | null {
  const ev = (node: jsep.Expression): number | null => {
    switch (node.type) {
      case 'Literal':
        return (node as jsep.Literal).value as number;
      case 'Identifier':
        return values[Number((node as jsep.Identifier).name.slice(3))] ?? null;
      case 'UnaryExpression': {
        const v = ev((node as jsep.UnaryExpression).argument);
        return v === null ? null : (node as jsep.UnaryExpression).operator === '-' ? -v : v;
      }
      case 'BinaryExpression': {
        const b = node as jsep.BinaryExpression;
        const l = ev(b.left);
        const r = ev(b.right);
        if (l === null || r === null) return null;
        if (b.operator === '+') return l + r;
        if (b.operator === '-') return l - r;
        if (b.operator === '*') return l * r;
        return r === 0 ? null : l / r;
      }
      default:
        return null;
    }
  };
  const v = ev(ast);
  return v !== null && Number.isFinite(v) ? v : null;
}
