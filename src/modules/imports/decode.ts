/*
 * Bytes to text for import files. Exports from older systems are often ISO-8859-1 or Windows-1252
 * (German Excel saves "CSV" that way), newer ones UTF-8 with or without BOM.
 */

/** The encoding a file announces: a byte-order mark, or an XML declaration's encoding="…". */
export function sniffEncoding(head: Uint8Array): string | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const ascii = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(ascii);
  return declared?.[1]?.toLowerCase() ?? null;
}

export class UnknownEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unknown encoding ${encoding}`);
  }
}

function decoderFor(label: string, fatal = false): TextDecoder {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    throw new UnknownEncodingError(label);
  }
}

/**
 * Decodes a stream of chunks: the encoding is chosen from the first bytes (default UTF-8), and a
 * character split between two chunks is kept whole.
 */
export async function* decodeChunks(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (!decoder) {
      pending.push(chunk);
      pendingLength += chunk.length;
      // Enough bytes to read a BOM or an XML declaration.
      if (pendingLength < 200) continue;
      const head = Buffer.concat(pending);
      pending = [];
      decoder = decoderFor(sniffEncoding(head) ?? 'utf-8');
      yield decoder.decode(head, { stream: true });
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (!decoder) {
    const head = Buffer.concat(pending);
    decoder = decoderFor(sniffEncoding(head) ?? 'utf-8');
    yield decoder.decode(head, { stream: true });
  }
  yield decoder.decode();
}

/**
 * A whole file to text: UTF-8 (a BOM is dropped) unless the bytes are not valid UTF-8, then
 * Windows-1252, which is what German spreadsheet programs write. Tells which one it took.
 */
export function decodeWhole(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' | string } {
  const announced = sniffEncoding(bytes);
  if (announced && announced !== 'utf-8') return { text: decoderFor(announced).decode(bytes), encoding: announced };
  try {
    return { text: decoderFor('utf-8', true).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decoderFor('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
