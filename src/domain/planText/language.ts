/**
 * Is a text Vietnamese? Two signs, either enough: letters with Vietnamese diacritics (ă â đ ê ô ơ ư
 * and the five tones) make at least 3% of the letters, or — for text typed without diacritics —
 * common Vietnamese words ("cua", "va", "cac", "duoc", "nam", "ty le", …) make at least 12% of
 * the words. Text with fewer than 20 letters cannot tell and is refused.
 */
import { foldText } from '../text.js';

const VI_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/giu;
const VI_WORDS = new Set(
  'cua va cac cho duoc trong nam nhung mot co khong nguoi dan ty le tinh huyen xa den dat tren theo voi la da se de tai so hoa dich vu cong ho chuyen doi muc tieu ke hoach phan dau'.split(
    ' ',
  ),
);

export function looksVietnamese(text: string): boolean {
  const sample = text.slice(0, 200_000).normalize('NFC');
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return false;
  const marked = sample.match(VI_LETTERS)?.length ?? 0;
  if (marked / letters >= 0.03) return true;
  const words = foldText(sample)
    .split(/[^a-z]+/)
    .filter(Boolean);
  const hits = words.filter((w) => VI_WORDS.has(w)).length;
  return words.length > 0 && hits / words.length >= 0.12;
}
