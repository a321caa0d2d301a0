import { crc32, inflateRawSync } from 'node:zlib';

export interface UnzippedEntry {
  name: string;
  /** General-purpose flags of the central directory entry (bit 11: UTF-8 name). */
  flags: number;
  method: number;
  data: Buffer;
}

/**
 * Reads a ZIP archive the way an unzip tool does: from the end record to the central directory,
 * then each local header and its data, inflated and checked against its CRC-32. Enough for the
 * archives Tsunagu writes (no ZIP64, no encryption, no data descriptors).
 */
export function unzip(archive: Buffer): UnzippedEntry[] {
  const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('unzip: no end of central directory record');
  const count = archive.readUInt16LE(endAt + 10);
  const directorySize = archive.readUInt32LE(endAt + 12);
  let at = archive.readUInt32LE(endAt + 16);
  if (at + directorySize !== endAt) throw new Error('unzip: the central directory does not end at the end record');
  const entries: UnzippedEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`unzip: bad central directory entry ${i}`);
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;

    if (archive.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`unzip: bad local header of ${name}`);
    const localName = archive.subarray(localAt + 30, localAt + 30 + archive.readUInt16LE(localAt + 26)).toString('utf8');
    if (localName !== name) throw new Error(`unzip: local header names ${localName}, directory ${name}`);
    const dataAt = localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
    const raw = archive.subarray(dataAt, dataAt + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`unzip: unsupported method ${method} of ${name}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`unzip: size or CRC of ${name} does not match`);
    entries.push({ name, flags, method, data });
  }
  return entries;
}
