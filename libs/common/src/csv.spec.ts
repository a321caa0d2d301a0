import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes every cell, doubles quotes and ends lines with CRLF', () => {
    const csv = toCsv(['氏名', 'メモ'], [['架空 花子', '「はい」と"言った"\r\n2行目'], ['架空 一郎', null]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('"氏名","メモ"\r\n"架空 花子","「はい」と""言った""\r\n2行目"\r\n"架空 一郎",""\r\n');
  });

  it('writes numbers as they are and empty cells for null and undefined', () => {
    expect(toCsv(['n'], [[-3], [0], [undefined]]).slice(1)).toBe('"n"\r\n"-3"\r\n"0"\r\n""\r\n');
  });

  it('keeps text that would start a formula as text', () => {
    const csv = toCsv(['v'], [['=HYPERLINK("x")'], ['+81-90-0000-0000'], ['-1'], ['@SUM(A1)'], ['\tx'], ['a=b']]);
    expect(csv.slice(1).split('\r\n')).toEqual(['"v"', `"'=HYPERLINK(""x"")"`, `"'+81-90-0000-0000"`, `"'-1"`, `"'@SUM(A1)"`, `"'\tx"`, '"a=b"', '']);
  });

  it('keeps text starting with a full-width formula character as text too', () => {
    const csv = toCsv(['v'], [['＝HYPERLINK("x")'], ['＋1'], ['－1'], ['＠SUM(A1)'], ['a＝b']]);
    expect(csv.slice(1).split('\r\n')).toEqual(['"v"', `"'＝HYPERLINK(""x"")"`, `"'＋1"`, `"'－1"`, `"'＠SUM(A1)"`, '"a＝b"', '']);
  });
});
