import { describe, expect, it } from 'vitest';
import { type CsvTable, decodeUtf8, isProblem, readCsv } from './csv.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<string | number[]>) => {
  const chunks = parts.map((x) => (typeof x === 'string' ? utf8(x) : Uint8Array.from(x)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const table = (x: ReturnType<typeof readCsv>): CsvTable => {
  if (isProblem(x)) throw new Error(`expected a table, got ${JSON.stringify(x)}`);
  return x;
};

const HEADER = ['indicator', 'org_unit', 'period', 'value', 'numerator', 'denominator'];
const OPTIONAL = ['category_option', 'comment'];

describe('decodeUtf8', () => {
  it('decodes UTF-8 Vietnamese text', () => {
    expect(decodeUtf8(utf8('mã,tên\n01,Hà Nội\n'))).toEqual({ text: 'mã,tên\n01,Hà Nội\n' });
  });

  it('strips a BOM', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'code,name\n'))).toEqual({ text: 'code,name\n' });
  });

  it('keeps a U+FEFF that is not at the start', () => {
    const r = decodeUtf8(utf8('a\ufeffb'));
    expect(r).toEqual({ text: 'a\ufeffb' });
  });

  it('normalises to NFC (decomposed Vietnamese from macOS)', () => {
    const nfd = 'Bình Dương'.normalize('NFD');
    expect(decodeUtf8(utf8(nfd))).toEqual({ text: 'Bình Dương'.normalize('NFC') });
  });

  it('decodes an empty file to empty text', () => {
    expect(decodeUtf8(new Uint8Array())).toEqual({ text: '' });
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf]))).toEqual({ text: '' });
  });

  it('names the first bad line: a Windows-1258/Latin-1 byte on line 3', () => {
    // "Hà Nội" in Windows-1258 has 0xE0 for à; line 3
    const file = bytes('code,name\n01,Ha Noi\n02,H', [0xe0], ' Noi\n03,Hue\n');
    expect(decodeUtf8(file)).toEqual({ kind: 'encoding', row: 3 });
  });

  it('names line 1 for a bad first line and counts CRLF lines', () => {
    expect(decodeUtf8(bytes('t', [0xea], 'n,x\r\n1,2\r\n'))).toEqual({ kind: 'encoding', row: 1 });
    expect(decodeUtf8(bytes('a,b\r\n1,2\r\n3,', [0xc3], '\r\n'))).toEqual({ kind: 'encoding', row: 3 });
  });

  it('names the first of several bad lines', () => {
    expect(decodeUtf8(bytes('a\nb\n', [0xff], '\n', [0xfe], '\n'))).toEqual({ kind: 'encoding', row: 3 });
  });

  it('refuses a truncated multi-byte sequence at the end of the file', () => {
    expect(decodeUtf8(bytes('a\nb\nc', [0xe1, 0xba]))).toEqual({ kind: 'encoding', row: 3 });
  });

  it('refuses UTF-16 with and without a BOM', () => {
    expect(decodeUtf8(Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]))).toEqual({
      kind: 'encoding',
      row: 1,
    });
    // UTF-16LE without BOM is valid UTF-8 full of NULs
    const le = Uint8Array.from([0x61, 0x00, 0x2c, 0x00, 0x62, 0x00]);
    expect(decodeUtf8(le)).toEqual({ kind: 'encoding', row: 1 });
    expect(decodeUtf8(bytes('a\nb\nc', [0x00]))).toEqual({ kind: 'encoding', row: 3 });
  });

  it('accepts multi-byte characters split by nothing but fine line breaks', () => {
    expect(decodeUtf8(utf8('Đắk Lắk\nĐắk Nông\n'))).toEqual({ text: 'Đắk Lắk\nĐắk Nông\n' });
  });
});

describe('readCsv', () => {
  it('reads rows keyed by header with 1-based line numbers (header = 1)', () => {
    const t = table(
      readCsv(
        'indicator,org_unit,period,value,numerator,denominator\nA,X,2024M01,5,,\nB,Y,2024Q1,,1,2\n',
        HEADER,
      ),
    );
    expect(t.header).toEqual(HEADER);
    expect(t.rows).toEqual([
      {
        row: 2,
        cells: {
          indicator: 'A',
          org_unit: 'X',
          period: '2024M01',
          value: '5',
          numerator: '',
          denominator: '',
        },
      },
      {
        row: 3,
        cells: {
          indicator: 'B',
          org_unit: 'Y',
          period: '2024Q1',
          value: '',
          numerator: '1',
          denominator: '2',
        },
      },
    ]);
  });

  it('accepts optional columns in any order', () => {
    const t = table(
      readCsv(
        'comment,value,period,org_unit,indicator,numerator,denominator\nhi,1,2024,X,A,,\n',
        HEADER,
        OPTIONAL,
      ),
    );
    expect(t.rows[0].cells.comment).toBe('hi');
    expect(t.rows[0].cells.indicator).toBe('A');
  });

  it('matches header names regardless of case and spaces', () => {
    const t = table(readCsv(' Code , NAME \n1,a\n', ['code', 'name']));
    expect(t.header).toEqual(['code', 'name']);
    expect(t.rows[0].cells).toEqual({ code: '1', name: 'a' });
  });

  it('refuses a header missing a required column', () => {
    expect(readCsv('indicator,org_unit,period,value,numerator\nA,X,2024,1,\n', HEADER)).toEqual({
      kind: 'header',
      expected: HEADER,
      got: ['indicator', 'org_unit', 'period', 'value', 'numerator'],
    });
  });

  it('refuses an unknown extra column (a typo must not be silently ignored)', () => {
    const r = readCsv('code,name,nmae\n1,a,b\n', ['code', 'name'], ['parent_code']);
    expect(r).toEqual({
      kind: 'header',
      expected: ['code', 'name', '[parent_code]'],
      got: ['code', 'name', 'nmae'],
    });
  });

  it('refuses a duplicate column', () => {
    const r = readCsv('code,name,Code\n1,a,2\n', ['code', 'name']);
    expect(r).toMatchObject({ kind: 'header', got: ['code', 'name', 'code'] });
  });

  it('refuses a header given in another naming (orgUnit for org_unit)', () => {
    const r = readCsv('indicator,orgUnit,period,value,numerator,denominator\nA,X,2024,1,,\n', HEADER);
    expect(r).toMatchObject({ kind: 'header' });
  });

  it('an empty file and a header-only file are empty', () => {
    expect(readCsv('', HEADER)).toEqual({ kind: 'empty' });
    expect(readCsv('\n\n', HEADER)).toEqual({ kind: 'empty' });
    expect(readCsv('\ufeff', HEADER)).toEqual({ kind: 'empty' });
    expect(readCsv(`${HEADER.join(',')}\n`, HEADER)).toEqual({ kind: 'empty' });
    expect(readCsv(HEADER.join(','), HEADER)).toEqual({ kind: 'empty' });
  });

  it('a header-only file with a wrong header reports the header', () => {
    expect(readCsv('a,b\n', HEADER)).toMatchObject({ kind: 'header' });
  });

  it('reads quoted fields with commas, quotes and line breaks', () => {
    const t = table(
      readCsv('code,name\n1,"Sở Thông tin, Truyền thông"\n2,"say ""xin chào"""\n3,"two\nlines"\n4,last\n', [
        'code',
        'name',
      ]),
    );
    expect(t.rows.map((x) => x.cells.name)).toEqual([
      'Sở Thông tin, Truyền thông',
      'say "xin chào"',
      'two\nlines',
      'last',
    ]);
    // a record spanning lines 4-5 is named by the line it starts on; the next one is on line 6
    expect(t.rows.map((x) => x.row)).toEqual([2, 3, 4, 6]);
  });

  it('counts lines right with CRLF line ends, also inside quoted fields', () => {
    const t = table(readCsv('code,name\r\n1,"a\r\nb\r\nc"\r\n2,x\r\n\r\n3,y\r\n', ['code', 'name']));
    expect(t.rows.map((x) => [x.row, x.cells.code])).toEqual([
      [2, '1'],
      [5, '2'],
      [7, '3'],
    ]);
    expect(t.rows[0].cells.name).toBe('a\nb\nc');
  });

  it('skips blank lines but keeps true line numbers', () => {
    const t = table(readCsv('code,name\n\n1,a\n\n\n2,b', ['code', 'name']));
    expect(t.rows.map((x) => x.row)).toEqual([3, 6]);
  });

  it('trims every cell: spaces around codes and numbers are never meaningful', () => {
    const t = table(readCsv('code,name\n 1 , a \n2," b "\n', ['code', 'name']));
    expect(t.rows.map((x) => x.cells)).toEqual([
      { code: '1', name: 'a' },
      { code: '2', name: 'b' },
    ]);
  });

  it('ignores a BOM left in the text', () => {
    expect(table(readCsv('\ufeffcode,name\n1,a\n', ['code', 'name'])).header).toEqual(['code', 'name']);
  });

  it('names the line of a row with the wrong number of cells', () => {
    expect(readCsv('code,name\n1,a\n2\n3,c\n', ['code', 'name'])).toMatchObject({ kind: 'parse', row: 3 });
    expect(readCsv('code,name\n1,a\n2,b,extra\n', ['code', 'name'])).toMatchObject({ kind: 'parse', row: 3 });
    expect(readCsv('code,name\r\n1,"x\r\ny"\r\n2\r\n', ['code', 'name'])).toMatchObject({
      kind: 'parse',
      row: 4,
    });
  });

  it('names the line of an unclosed quote', () => {
    const r = readCsv('code,name\n1,a\n2,"open\n', ['code', 'name']);
    expect(r).toMatchObject({ kind: 'parse', row: 3 });
    if (isProblem(r) && r.kind === 'parse') expect(r.reason).toMatch(/quote/i);
  });
});

describe('isProblem', () => {
  it('tells problems from tables and texts', () => {
    expect(isProblem({ kind: 'empty' })).toBe(true);
    expect(isProblem({ text: '' })).toBe(false);
    expect(isProblem({ header: [], rows: [] })).toBe(false);
    expect(isProblem(null)).toBe(false);
    expect(isProblem('kind')).toBe(false);
  });
});
