import { describe, expect, it } from 'vitest';
import {
  CsvError,
  type CsvProblem,
  decodeUtf8,
  isProblem,
  readCsv,
  readCsvGrid,
  readCsvStream,
} from './csv.js';

const enc = new TextEncoder();
const HEADER = ['code', 'name'];

/** Feed `bytes` in pieces of `size` bytes (cutting characters and line breaks anywhere). */
async function* pieces(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The stream's rows (all chunks joined) or its problem, as readCsv would return them. */
async function stream(bytes: Uint8Array, size: number, chunkSize = 2) {
  const rows = [];
  try {
    for await (const c of readCsvStream(pieces(bytes, size), HEADER, ['parent_code'], chunkSize)) {
      expect(c.length).toBeGreaterThan(0);
      expect(c.length).toBeLessThanOrEqual(chunkSize);
      rows.push(...c);
    }
  } catch (e) {
    if (e instanceof CsvError) return e.problem;
    throw e;
  }
  return rows;
}

/** What the whole-text reader says for the same bytes. */
function whole(bytes: Uint8Array): CsvProblem | unknown[] {
  const d = decodeUtf8(bytes);
  if (isProblem(d)) return d;
  const t = readCsv(d.text, HEADER, ['parent_code']);
  return isProblem(t) ? t : t.rows;
}

const cases: Array<string | Uint8Array> = [
  'code,name\n1,a\n2,b\n3,c\n4,d\n5,e\n',
  '\ufeffcode,name\r\n1,"a\r\nb\r\nc"\r\n2,x\r\n\r\n3,y\r\n',
  'code,name\n1,"Sở Thông tin, Truyền thông"\n2,"say ""xin chào"""\n3,"two\nlines"\n4,last',
  '\n\n Code , NAME \n 1 , a \n2," b "\n',
  'code,name,parent_code\n1,Hà Nội,\n2,Bình Dương,1\n',
  `code,name\n1,${'Bi\u0300nh'.repeat(3)}\n`,
  'code,name\n1,a\n2\n3,c\n',
  'code,name\n1,a\n2,b,extra\n',
  'code,name\n1,a\n2,"open\n3,x\n',
  'code,name\n1,"a"b,c\n2,d\n',
  'code,nmae\n1,a\n',
  'code,name\n\n\n',
  '',
  'code,name\n1,a\n2,b\u0000\n',
  'code,name\r\n1,a\r\n2,\u0000b\r\n',
  Uint8Array.from([...enc.encode('code,name\n1,Đắk\n2,'), 0xc3, ...enc.encode('\n3,x\n')]),
  Uint8Array.from([...enc.encode('code,name\n1,a\n2,b'), 0xe1, 0xba]),
  Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]),
];

describe('readCsvStream: the same rows, lines and problems as readCsv, however the bytes arrive', () => {
  cases.forEach((c, n) => {
    const bytes = typeof c === 'string' ? enc.encode(c) : c;
    it(`case ${n}`, async () => {
      const expected = whole(bytes);
      for (const size of [1, 2, 3, 5, 7, 64, 1 << 16]) {
        expect({ size, got: await stream(bytes, size) }).toEqual({ size, got: expected });
      }
    });
  });

  it('a long quoted field across many pieces keeps its lines', async () => {
    const long = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const bytes = enc.encode(`code,name\n1,"${long}"\n2,b\n`);
    const got = await stream(bytes, 13, 10);
    expect(got).toEqual(whole(bytes));
    expect((got as Array<{ row: number }>).map((r) => r.row)).toEqual([2, 502]);
  });
});

describe('readCsvGrid', () => {
  it('gives raw records, any width, blank lines kept', () => {
    expect(readCsvGrid(enc.encode('\ufeffa,b\r\n\r\n1, x ,3\n'))).toEqual([
      ['a', 'b'],
      [''],
      ['1', ' x ', '3'],
      [''],
    ]);
  });
  it('refuses what decodeUtf8 refuses and broken quotes, naming the line', () => {
    expect(readCsvGrid(Uint8Array.from([0x61, 0x0a, 0xff]))).toEqual({ kind: 'encoding', row: 2 });
    expect(readCsvGrid(enc.encode('a\nb,"open\n'))).toMatchObject({ kind: 'parse', row: 2 });
  });
});
