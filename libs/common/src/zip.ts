import { crc32, deflateRawSync } from 'node:zlib';
import { formatJstTime, jstDate } from './japan-time';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated; stored as UTF-8 (general-purpose flag bit 11). */
  name: string;
  data: Buffer | string;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: deflate, no ZIP64
/** Made on Unix (3), so readers take the names as the flag says and files get mode 0644, not as MS-DOS names in a code page. */
const MADE_BY = (3 << 8) | VERSION;
const FILE_MODE = 0o100644;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

function uint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value, 0);
  return b;
}

/** MS-DOS date and time fields of an instant, in Japan time (the archive's readers are in Japan). */
function dosDateTime(instant: Date): { date: number; time: number } {
  const [y, mo, d] = jstDate(instant).split('-').map(Number);
  const [h, mi] = formatJstTime(instant).split(':').map(Number);
  const s = instant.getUTCSeconds();
  return { date: ((Math.max(y, 1980) - 1980) << 9) | (mo << 5) | d, time: (h << 11) | (mi << 5) | (s >> 1) };
}

/**
 * A ZIP archive of `entries`, all in memory: each file deflated (or stored when that is not
 * smaller), with its CRC-32, local headers, the central directory and its end record. No ZIP64,
 * so at most 65,535 files and 4 GiB, far beyond an export of one person's records.
 */
export function zip(entries: readonly ZipEntry[], modifiedAt: Date): Buffer {
  if (entries.length > MAX_ENTRIES) throw new RangeError('zip: too many entries for a ZIP without ZIP64');
  const { date, time } = dosDateTime(modifiedAt);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!entry.name || entry.name.startsWith('/') || entry.name.split('/').includes('..') || seen.has(entry.name)) {
      throw new RangeError('zip: entry names must be relative, unique and without ..');
    }
    seen.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const deflated = deflateRawSync(data);
    const [method, body] = deflated.length < data.length ? [DEFLATED, deflated] : [STORED, data];
    const crc = crc32(data);
    if (offset > MAX_32 || data.length > MAX_32) throw new RangeError('zip: archive too large for a ZIP without ZIP64');

    // From "version needed" to "extra field length": the same 26 bytes in both headers.
    const shared = Buffer.alloc(26);
    shared.writeUInt16LE(VERSION, 0);
    shared.writeUInt16LE(UTF8_NAMES, 2);
    shared.writeUInt16LE(method, 4);
    shared.writeUInt16LE(time, 6);
    shared.writeUInt16LE(date, 8);
    shared.writeUInt32LE(crc, 10);
    shared.writeUInt32LE(body.length, 14);
    shared.writeUInt32LE(data.length, 18);
    shared.writeUInt16LE(name.length, 22); // extra field length (24) stays 0

    const local = Buffer.concat([uint32(LOCAL_HEADER), shared]);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(MADE_BY, 4);
    shared.copy(header, 6);
    // comment length, disk number and internal attributes: zero
    header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  if (offset > MAX_32) throw new RangeError('zip: archive too large for a ZIP without ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
