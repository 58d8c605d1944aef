import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { applyServerErrors, type FieldErrorTarget } from './formErrors';

function fakeForm(names: Array<Array<string | number>>) {
  const set: Array<{ name: Array<string | number>; errors: string[] }> = [];
  const form: FieldErrorTarget = {
    getFieldsError: () => names.map((name) => ({ name, errors: [] })),
    setFields: (fields) => set.push(...fields),
  };
  return { form, set };
}

const validation = (details: ApiError['details']) =>
  new ApiError(400, 'validation', 'Dữ liệu không hợp lệ', details);

describe('applyServerErrors', () => {
  it('puts details on the fields they name, nested and without list indexes', () => {
    const { form, set } = fakeForm([['name'], ['target', 'value'], ['cooperatingUnits']]);
    const toasts: string[] = [];
    const r = applyServerErrors(
      form,
      validation([
        { field: 'name', message: 'name: Bắt buộc' },
        { field: 'target.value', message: 'Phải là số' },
        { field: 'cooperatingUnits.1', message: 'Không có đơn vị' },
      ]),
      { toast: (m) => toasts.push(m) },
    );
    expect(r.mapped).toBe(3);
    expect(set).toEqual([
      { name: ['name'], errors: ['Bắt buộc'] },
      { name: ['target', 'value'], errors: ['Phải là số'] },
      { name: ['cooperatingUnits'], errors: ['Không có đơn vị'] },
    ]);
    expect(toasts).toEqual([]);
  });

  it('renames server fields, and toasts what no field takes', () => {
    const { form, set } = fakeForm([['homeUnit'], ['username']]);
    const toasts: string[] = [];
    const r = applyServerErrors(
      form,
      validation([
        { field: 'orgUnit', message: 'Không có' },
        { row: 3, column: 'nowhere', message: 'Dòng 3 sai' },
      ]),
      { map: { orgUnit: 'homeUnit' }, toast: (m) => toasts.push(m) },
    );
    expect(set).toEqual([{ name: ['homeUnit'], errors: ['Không có'] }]);
    expect(r.rest).toHaveLength(1);
    expect(toasts).toEqual(['Dòng 3 sai']);
  });

  it('toasts the error message when nothing maps (or it is no API error)', () => {
    const { form, set } = fakeForm([['name']]);
    const toasts: string[] = [];
    applyServerErrors(form, new ApiError(409, 'conflict', 'Đã có mã này'), { toast: (m) => toasts.push(m) });
    applyServerErrors(form, new Error('mạng'), { toast: (m) => toasts.push(m) });
    expect(set).toEqual([]);
    expect(toasts).toEqual(['Đã có mã này', 'mạng']);
  });

  it('takes a function for rows of a list', () => {
    const { form, set } = fakeForm([['items', 2, 'final', 'score']]);
    applyServerErrors(form, validation([{ field: 'items.0.final', message: 'Quá 1' }]), {
      map: (f) => (f === 'items.0.final' ? ['items', 2, 'final', 'score'] : undefined),
    });
    expect(set).toEqual([{ name: ['items', 2, 'final', 'score'], errors: ['Quá 1'] }]);
  });
});
