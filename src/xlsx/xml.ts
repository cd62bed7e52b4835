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
  let decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | undefined;
  let head: Uint8Array | undefined;
  const feed = (text: string): void => {
    if (text.length === 0) return;
    parser.write(text);
    if (failure) throw failure;
  };
  try {
    zip.inflate(part, (chunk) => {
      if (!decoder) {
        // The byte-order mark needs the first two bytes; a one-byte first slice waits for the next.
        const bytes = head ? concat(head, chunk) : chunk;
        if (bytes.length < 2) {
          head = bytes;
          return;
        }
        head = undefined;
        decoder = new TextDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8');
        feed(decoder.decode(bytes, { stream: true }));
        return;
      }
      feed(decoder.decode(chunk, { stream: true }));
    });
    if (head) feed(new TextDecoder('utf-8').decode(head));
    if (decoder) feed(decoder.decode());
    parser.close();
    if (failure) throw failure;
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    throw new UnreadableWorkbookError('corrupt', `${part}: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
