import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { unzip } from '../../../test/support/unzip';
import { zip } from './zip';

const hasUnzipTool = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('zip', () => {
  const files = [
    { name: '00_表紙.txt', data: '\uFEFF本人開示\r\n'.repeat(40) },
    { name: 'data/records.json', data: JSON.stringify({ name: '架空 花子', list: Array.from({ length: 50 }, (_, i) => i) }) },
    { name: 'empty.csv', data: '' },
    { name: 'random.bin', data: Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97) % 256)) },
  ];
  const at = new Date('2025-11-26T01:02:04.000Z'); // 10:02:04 JST

  it('round-trips names (UTF-8 flag set) and contents, deflating what shrinks and storing the rest', () => {
    const entries = unzip(zip(files, at));
    expect(entries.map((e) => e.name)).toEqual(files.map((f) => f.name));
    for (const [i, e] of entries.entries()) {
      expect(e.data.equals(Buffer.from(files[i].data))).toBe(true);
      expect(e.flags & 0x0800).toBe(0x0800);
    }
    expect(entries[0].method).toBe(8);
    expect(entries[2].method).toBe(0);
  });

  it('writes the headers a reader relies on: signatures, CRC-32, sizes, the JST DOS time, the end record', () => {
    const archive = zip([{ name: 'a.txt', data: 'hello' }], at);
    expect(archive.readUInt32LE(0)).toBe(0x04034b50);
    expect(archive.readUInt16LE(4)).toBe(20);
    expect(archive.readUInt32LE(14)).toBe(crc32('hello'));
    expect(archive.readUInt32LE(22)).toBe(5);
    const time = archive.readUInt16LE(10);
    const date = archive.readUInt16LE(12);
    expect({ h: time >> 11, m: (time >> 5) & 63, s: (time & 31) * 2 }).toEqual({ h: 10, m: 2, s: 4 });
    expect({ y: (date >> 9) + 1980, mo: (date >> 5) & 15, d: date & 31 }).toEqual({ y: 2025, mo: 11, d: 26 });
    const end = archive.subarray(archive.length - 22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    expect(end.readUInt16LE(10)).toBe(1);
    expect(end.readUInt32LE(16) + end.readUInt32LE(12)).toBe(archive.length - 22);
  });

  it('refuses names that could escape the folder, and duplicates', () => {
    for (const name of ['', '/etc/passwd', '../x', 'a/../../x']) expect(() => zip([{ name, data: 'x' }], at)).toThrow(RangeError);
    expect(() => zip([{ name: 'a', data: 'x' }, { name: 'a', data: 'y' }], at)).toThrow(RangeError);
  });

  (hasUnzipTool ? it : it.skip)('is read by Info-ZIP unzip, which tests every CRC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagu-zip-'));
    try {
      const path = join(dir, 'test.zip');
      writeFileSync(path, zip(files, at));
      expect(execFileSync('unzip', ['-tq', path]).toString()).toContain('No errors');
      execFileSync('unzip', ['-q', path, '-d', join(dir, 'out')]);
      expect(readFileSync(join(dir, 'out', '00_表紙.txt'), 'utf8')).toBe(files[0].data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
