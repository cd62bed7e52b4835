import { DecodeUTF8 } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UnreadableWorkbookError } from './errors';
import type { ReadLimits } from './limits';
import type { ZipReader } from './zip';

/**
 * Streaming XML over one zip part: inflated slices are decoded (UTF-8, or UTF-16 when the part
 * starts with its byte-order mark) and tokenised by saxes as they arrive. Element and attribute
 * names reach the handler without their namespace prefix (`x:row` → `row`), so transitional,
 * Strict (purl.oclc.org) and prefixed SpreadsheetML read alike.
 */
export interface XmlHandler {
  open(name: string, attrs: Record<string, string>): void;
  text?(text: string): void;
  close(name: string): void;
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by its local name (`r:id`, `id` …); `sheetId` and the like never match `id`. */
export function attrLocal(attrs: Record<string, string>, local: string): string | undefined {
  if (attrs[local] !== undefined) return attrs[local];
  for (const key in attrs) if (localName(key) === local) return attrs[key];
  return undefined;
}

export function parsePart(zip: ZipReader, part: string, handler: XmlHandler, limits: ReadLimits): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  let failure: unknown;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (++depth > limits.maxXmlDepth) throw new UnreadableWorkbookError('too-deep', `${part}: more than ${limits.maxXmlDepth} levels`);
    const attrs = tag.attributes as Record<string, string>;
    handler.open(localName(tag.name), attrs);
    // saxes reports a self-closing tag's close too.
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    depth--;
    handler.close(localName(tag.name));
  });
  if (handler.text) {
    const onText = handler.text.bind(handler);
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  const feed = (text: string): void => {
    if (text.length === 0) return;
    parser.write(text);
    if (failure) throw failure;
  };
  let decoder: Decoder | undefined;
  let head: Uint8Array | undefined;
  try {
    zip.inflate(part, (chunk) => {
      if (decoder) {
        decoder.push(chunk, false);
        return;
      }
      // The byte-order mark needs the first three bytes; a short first slice waits for the next.
      const bytes = head ? concat(head, chunk) : chunk;
      if (bytes.length < 3) {
        head = bytes;
        return;
      }
      head = undefined;
      decoder = decoderFor(bytes, feed);
    });
    if (head) decoder = decoderFor(head, feed);
    decoder?.push(new Uint8Array(0), true);
    parser.close();
    if (failure) throw failure;
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    throw new UnreadableWorkbookError('corrupt', `${part}: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
  }
}

interface Decoder {
  push(bytes: Uint8Array, final: boolean): void;
}

/**
 * A streaming decoder for the part's encoding, fed its first bytes: UTF-16 when they are its
 * byte-order mark, else UTF-8 (its mark skipped). fflate's UTF-8 stream uses the platform's
 * TextDecoder where there is one and its own code elsewhere.
 */
function decoderFor(first: Uint8Array, feed: (text: string) => void): Decoder {
  const le = first[0] === 0xff && first[1] === 0xfe;
  const be = first[0] === 0xfe && first[1] === 0xff;
  let decoder: Decoder;
  let skip = 0;
  if (le || be) {
    decoder = new Utf16Decoder(be, feed);
    skip = 2;
  } else {
    const utf8 = new DecodeUTF8((text) => feed(text));
    decoder = { push: (bytes, final) => utf8.push(bytes, final) };
    if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) skip = 3;
  }
  decoder.push(first.subarray(skip), false);
  return decoder;
}

class Utf16Decoder implements Decoder {
  private carry: number | null = null;
  constructor(
    private readonly bigEndian: boolean,
    private readonly feed: (text: string) => void,
  ) {}

  push(bytes: Uint8Array, final: boolean): void {
    let i = 0;
    const units: number[] = [];
    let text = '';
    if (this.carry !== null && bytes.length > 0) {
      units.push(this.unit(this.carry, bytes[0]));
      this.carry = null;
      i = 1;
    }
    for (; i + 1 < bytes.length; i += 2) {
      units.push(this.unit(bytes[i], bytes[i + 1]));
      if (units.length === 8192) {
        text += String.fromCharCode(...units);
        units.length = 0;
      }
    }
    if (i < bytes.length) this.carry = bytes[i];
    text += String.fromCharCode(...units);
    // A split surrogate pair is joined by saxes across writes.
    this.feed(text);
    if (final && this.carry !== null) throw new UnreadableWorkbookError('corrupt', 'UTF-16 part with an odd byte count');
  }

  private unit(a: number, b: number): number {
    return this.bigEndian ? (a << 8) | b : (b << 8) | a;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
