/** Error translation (src/i18n/errors.ts): keys and parameters → text in either language. */
import { describe, expect, it } from 'vitest';
import { translateDetails, translateParams, translateRowErrors } from './errors.js';
import { langOfRequest } from './index.js';

describe('error translation', () => {
  it('row errors: rule without its prefix, message naming the field, in the asked language', () => {
    const rows = [{ row: 3, field: 'org_unit', rule: 'rule.unknown_unit' as const, params: { code: 'X9' } }];
    const [vi] = translateRowErrors('vi', rows);
    const [en] = translateRowErrors('en', rows);
    expect(vi.row).toBe(3);
    expect(vi.rule).toBe('unknown_unit');
    expect(vi.message.startsWith('org_unit: ')).toBe(true);
    expect(en.message.startsWith('org_unit: ')).toBe(true);
    expect(en.message).not.toBe(vi.message);
  });

  it('params: …Key translated under the name without suffix, …Keys joined', () => {
    const out = translateParams('en', {
      whatKey: 'word.indicator',
      key: 'A',
      listKeys: ['word.indicator', 'word.user'],
    });
    expect(out.key).toBe('A');
    expect(out.whatKey).toBe('word.indicator');
    expect(typeof out.what).toBe('string');
    expect(out.what).not.toBe('word.indicator');
    expect(String(out.list).split('; ')).toHaveLength(2);
  });

  it('details: those with a messageKey get a message; others pass through unchanged', () => {
    const plain = { field: 'x', message: 'as is' };
    const [a, b, c] = translateDetails('vi', [plain, { messageKey: 'error.forbidden', field: 'y' }, null]);
    expect(a).toBe(plain);
    expect(b).toMatchObject({ field: 'y' });
    expect(b).not.toHaveProperty('messageKey');
    expect(typeof (b as { message: string }).message).toBe('string');
    expect(c).toBeNull();
  });
});

describe('langOfRequest: ?lang= first, then Accept-Language', () => {
  it.each([
    ['/api/x?lang=en', 'vi', 'en'],
    ['/api/x?a=1&lang=vi', 'en-US,en;q=0.9', 'vi'],
    ['/api/x', 'en-GB', 'en'],
    ['/api/x', undefined, 'vi'],
    ['/api/x?lang=fr', 'en', 'en'],
    ['/api/x?lang=EN', undefined, 'vi'],
    ['/api/x?lang=en&lang=vi', undefined, 'en'],
    ['/api/x?q=%E0%A4%A&lang=en', undefined, 'en'],
    [undefined, 'en', 'en'],
  ] as const)('%s (Accept-Language %s) → %s', (url, header, want) => {
    expect(langOfRequest(url, header)).toBe(want);
  });
});
