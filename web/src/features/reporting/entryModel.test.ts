import { describe, expect, it } from 'vitest';
import { localIssues, numberFormat, wholeNumberIssue } from './entryModel';
import type { EntryItem } from './types';

const t = (k: string, o?: Record<string, unknown>) => (o ? `${k} ${JSON.stringify(o)}` : k);
const count = { indicator: 'DN_SO', valueType: 'count' } as EntryItem;

describe('entry grid numbers', () => {
  it('reads what it shows: "80,2" in Vietnamese and "80.2" in English are 80.2', () => {
    expect(numberFormat('vi').parser('80,2')).toBe('80.2');
    expect(numberFormat('vi').parser('21.613,5')).toBe('21613.5');
    expect(numberFormat('en').parser('21,613.5')).toBe('21613.5');
  });

  it('refuses a decimal in a count cell with a message, and accepts whole numbers', () => {
    const issue = wholeNumberIssue(count, 80.2, t, 'vi');
    expect(issue).toMatchObject({ indicator: 'DN_SO', part: 'value', importance: 'error' });
    expect(issue?.message).toContain('rep.wholeNumber');
    expect(issue?.message).toContain('"value":"80,2"');
    expect(wholeNumberIssue(count, 80, t, 'vi')).toBeNull();
    expect(wholeNumberIssue({ indicator: 'X', valueType: 'number' } as EntryItem, 80.2, t, 'vi')).toBeNull();
  });

  it('blocks saving a count with decimals, naming the cell', () => {
    const list = localIssues(
      [count],
      () => ({ value: 80.2 }),
      (code, _part, text) => `${code}: ${text}`,
      t as never,
      'vi',
    );
    expect(list).toHaveLength(1);
    expect(list[0].message).toMatch(/^DN_SO: rep.wholeNumber/);
  });
});
