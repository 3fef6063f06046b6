import zlib from 'node:zlib';

/*
 * Logos are checked by their bytes, never by the name or the type the browser claims. No image library
 * ships without native binaries here, so instead of re-encoding pixels we rebuild the file from the parts
 * an image needs: PNG chunks are checked (CRC, header, the compressed pixels inflate to exactly the size
 * the header promises) and JPEG segments are walked to the end; everything else — EXIF with GPS
 * positions, XMP, comments, text chunks, colour profiles, bytes after the end — is left out.
 */

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Larger pictures make no sense for a logo and would let a tiny file inflate to gigabytes. */
const MAX_SIDE = 4096;

export type LogoProblem = 'organisations.logo.empty' | 'organisations.logo.type' | 'organisations.logo.webp' | 'organisations.logo.broken' | 'organisations.logo.dimensions';

export type CheckedLogo = { ok: true; extension: 'png' | 'jpg'; contentType: 'image/png' | 'image/jpeg'; data: Buffer; width: number; height: number };

export type ImageKind = 'png' | 'jpeg' | 'webp' | null;

export function imageKind(data: Buffer): ImageKind {
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

export function checkLogo(data: Buffer): CheckedLogo | { ok: false; code: LogoProblem } {
  if (data.length === 0) return { ok: false, code: 'organisations.logo.empty' };
  const kind = imageKind(data);
  if (kind === 'png') return cleanPng(data);
  if (kind === 'jpeg') return cleanJpeg(data);
  // WebP cannot be checked or cleaned without a decoder, so it is refused with a hint to use PNG or JPEG.
  if (kind === 'webp') return { ok: false, code: 'organisations.logo.webp' };
  return { ok: false, code: 'organisations.logo.type' };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that carry the picture or how to show its colours; nothing that describes the person or the camera. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB']);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ALLOWED_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function pngRawSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rowBytes = (w: number) => 1 + Math.ceil((w * bitsPerPixel) / 8);
  if (!interlaced) return height * rowBytes(width);
  // Adam7: seven passes, each a smaller picture with its own rows.
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += h * rowBytes(w);
  }
  return total;
}

function cleanPng(data: Buffer): CheckedLogo | { ok: false; code: LogoProblem } {
  const broken = { ok: false as const, code: 'organisations.logo.broken' as const };
  const kept: Buffer[] = [PNG_SIGNATURE];
  const idat: Buffer[] = [];
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlaced: boolean } | null = null;
  let ended = false;
  let sawPalette = false;
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || length > data.length - offset - 12) return broken;
    const body = data.subarray(offset + 8, offset + 8 + length);
    const crc = data.readUInt32BE(offset + 8 + length);
    if (crc32(data.subarray(offset + 4, offset + 8 + length)) !== crc) return broken;
    const chunk = data.subarray(offset, offset + 12 + length);
    offset += 12 + length;
    if (!header) {
      if (type !== 'IHDR' || length !== 13) return broken;
      const width = body.readUInt32BE(0);
      const height = body.readUInt32BE(4);
      const [bitDepth = 0, colorType = 0, compression, filter, interlace] = body.subarray(8);
      if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) return broken;
      if (!ALLOWED_DEPTHS[colorType]?.includes(bitDepth)) return broken;
      if (width === 0 || height === 0) return broken;
      if (width > MAX_SIDE || height > MAX_SIDE) return { ok: false, code: 'organisations.logo.dimensions' };
      header = { width, height, bitDepth, colorType, interlaced: interlace === 1 };
      kept.push(chunk);
      continue;
    }
    if (type === 'IHDR') return broken;
    if (type === 'IEND') {
      kept.push(chunk);
      ended = true;
      break; // anything after the end is dropped
    }
    if (type === 'IDAT') idat.push(body);
    if (type === 'PLTE') sawPalette = true;
    const critical = type.charCodeAt(0) < 0x61;
    if (critical && !PNG_KEPT.has(type)) return broken; // a critical chunk we do not know: no viewer could show it either
    if (PNG_KEPT.has(type)) kept.push(chunk);
  }
  if (!header || !ended || idat.length === 0) return broken;
  if (header.colorType === 3 && !sawPalette) return broken;
  const expected = pngRawSize(header.width, header.height, header.bitDepth * (CHANNELS[header.colorType] ?? 1), header.interlaced);
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    return broken;
  }
  if (raw.length !== expected) return broken;
  if (!header.interlaced) {
    const rowBytes = expected / header.height;
    for (let row = 0; row < header.height; row++) if ((raw[row * rowBytes] ?? 0) > 4) return broken;
  }
  return { ok: true, extension: 'png', contentType: 'image/png', data: Buffer.concat(kept), width: header.width, height: header.height };
}

/** Segments a decoder needs: quantisation and Huffman tables, restart interval, frame headers. */
function keepJpegSegment(marker: number, body: Buffer): boolean {
  if (marker === 0xdb || marker === 0xc4 || marker === 0xdd || marker === 0xcc) return true;
  if (isStartOfFrame(marker)) return true;
  // Adobe's APP14 says whether three channels are RGB or YCbCr; without it colours may come out wrong.
  if (marker === 0xee) return body.toString('latin1', 0, 5) === 'Adobe';
  return false;
}

function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function cleanJpeg(data: Buffer): CheckedLogo | { ok: false; code: LogoProblem } {
  const broken = { ok: false as const, code: 'organisations.logo.broken' as const };
  const kept: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let offset = 2;
  let frame: { width: number; height: number } | null = null;
  let scans = 0;
  let ended = false;
  while (offset < data.length) {
    if (data[offset] !== 0xff) return broken;
    // Fill bytes (0xFF repeated) may stand before a marker.
    while (data[offset] === 0xff) offset++;
    const marker = data[offset];
    offset++;
    if (marker === undefined) return broken;
    if (marker === 0xd9) {
      kept.push(Buffer.from([0xff, 0xd9]));
      ended = true;
      break;
    }
    if (marker === 0xd8 || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) return broken;
    if (offset + 2 > data.length) return broken;
    const length = data.readUInt16BE(offset);
    if (length < 2 || offset + length > data.length) return broken;
    const body = data.subarray(offset + 2, offset + length);
    const segment = data.subarray(offset - 2, offset + length);
    offset += length;
    if (isStartOfFrame(marker)) {
      if (frame || body.length < 6) return broken;
      const height = body.readUInt16BE(1);
      const width = body.readUInt16BE(3);
      const components = body[5] ?? 0;
      if (width === 0 || height === 0 || ![1, 3, 4].includes(components) || body.length !== 6 + components * 3) return broken;
      if (width > MAX_SIDE || height > MAX_SIDE) return { ok: false, code: 'organisations.logo.dimensions' };
      frame = { width, height };
    }
    if (marker === 0xda) {
      if (!frame) return broken;
      // The compressed picture runs until the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      let end = offset;
      for (;;) {
        if (end + 1 >= data.length) return broken;
        if (data[end] === 0xff) {
          const next = data[end + 1] ?? 0;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        end++;
      }
      kept.push(segment, data.subarray(offset, end));
      offset = end;
      scans++;
      continue;
    }
    if (keepJpegSegment(marker, body)) kept.push(segment);
  }
  if (!frame || scans === 0 || !ended) return broken;
  return { ok: true, extension: 'jpg', contentType: 'image/jpeg', data: Buffer.concat(kept), width: frame.width, height: frame.height };
}
