import { describe, expect, it } from 'vitest';
import { foldText, likePattern } from './text.js';

describe('foldText', () => {
  it.each([
    ['Bình Dương', 'binh duong'],
    ['Đắk Lắk', 'dak lak'],
    ['ĐẮK NÔNG', 'dak nong'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Bà Rịa – Vũng Tàu', 'ba ria – vung tau'],
    ['Chuyển đổi số', 'chuyen doi so'],
    ['Quảng Ngãi', 'quang ngai'],
    ['Ưu tiên ở Ơn', 'uu tien o on'],
    ['Ỷ Ỹ Ỵ ỳ', 'y y y y'],
    ['Hà Nội', 'ha noi'],
    ['Thành phố Hồ Chí Minh', 'thanh pho ho chi minh'],
  ])('%s → %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('folds NFC and NFD input alike', () => {
    for (const s of ['Bình Dương', 'Đắk Lắk', 'Thừa Thiên Huế', 'Ngô Quyền', 'ữ ự ằ ẫ']) {
      expect(foldText(s.normalize('NFD'))).toBe(foldText(s.normalize('NFC')));
      expect(foldText(s.normalize('NFD'))).toMatch(/^[a-z ]+$/);
    }
  });

  it('collapses and trims whitespace, including tabs, newlines and no-break spaces', () => {
    expect(foldText('  Bình \t  Dương\n')).toBe('binh duong');
    expect(foldText('Bình\u00a0Dương')).toBe('binh duong');
    expect(foldText('')).toBe('');
    expect(foldText('   ')).toBe('');
  });

  it('keeps digits and punctuation', () => {
    expect(foldText('Xã 25747 (cũ)')).toBe('xa 25747 (cu)');
  });

  it('is idempotent', () => {
    for (const s of ['Bình Dương', 'Đắk Lắk', 'abc']) expect(foldText(foldText(s))).toBe(foldText(s));
  });

  it('"binh duong" finds "Bình Dương"', () => {
    expect(foldText('Tỉnh Bình Dương').includes(foldText('binh DUONG'))).toBe(true);
    expect(foldText('Tỉnh Bình Dương').includes(foldText('Bình Dương'.normalize('NFD')))).toBe(true);
  });
});

describe('likePattern', () => {
  it('folds the query and wraps it in %', () => {
    expect(likePattern('Bình Dương')).toBe('%binh duong%');
    expect(likePattern('  ĐẮK  ')).toBe('%dak%');
    expect(likePattern('')).toBe('%%');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(likePattern('50%')).toBe('%50\\%%');
    expect(likePattern('a_b')).toBe('%a\\_b%');
    expect(likePattern('a\\b')).toBe('%a\\\\b%');
  });
});
