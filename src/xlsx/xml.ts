import { DecodeUTF8 } from 'fflate';
import { UnreadableWorkbookError } from './errors';
import type { ReadLimits } from './limits';
import type { ZipReader } from './zip';

/**
 * Streaming XML over one zip part: inflated slices are decoded (UTF-8, or UTF-16 when the part
 * starts with its byte-order mark) and tokenised (XmlTokenizer, below) as they arrive. Element and attribute
 * names reach the handler without their namespace prefix (`x:row` → `row`), so transitional,
 * Strict (purl.oclc.org) and prefixed SpreadsheetML read alike.
 */
export interface XmlHandler {
  /** `attrs` is only valid during the call: read what you need from it there. */
  open(name: string, attrs: Attributes): void;
  text?(text: string): void;
  close(name: string): void;
  /** After each write: the texts handed over so far are cut from the text written. */
  written?(): void;
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * The attributes of the tag being read, looked up by name without building an object per tag
 * (a sheet has millions of tags): names and values stay where they lie in the input, and a
 * value is cut out, unescaped and normalised only when it is asked for.
 */
export class Attributes {
  private text = '';
  /** Per attribute: name start, name end, value start, value end (indices into `text`). */
  private readonly at: number[] = [];
  private n = 0;

  /** The names so far, once a tag has many (a hostile tag may have a hundred thousand). */
  private names: Set<string> | null = null;

  /** @internal the tokenizer's: starts a tag. */
  reset(text: string): void {
    this.text = text;
    this.n = 0;
    this.names = null;
  }

  /** @internal the tokenizer's: adds one attribute; false when the tag already has that name. */
  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): boolean {
    if (this.n < MANY_ATTRIBUTES) {
      const len = nameEnd - nameStart;
      for (let k = 0; k < this.n; k++) {
        const a = this.at[4 * k];
        if (this.at[4 * k + 1] - a === len && sameChars(this.text, a, nameStart, len)) return false;
      }
    } else {
      // Comparing with every earlier name would make such a tag quadratic.
      this.names ??= new Set(Array.from({ length: this.n }, (_, k) => this.text.slice(this.at[4 * k], this.at[4 * k + 1])));
      const name = this.text.slice(nameStart, nameEnd);
      if (this.names.has(name)) return false;
      this.names.add(name);
    }
    const i = 4 * this.n++;
    this.at[i] = nameStart;
    this.at[i + 1] = nameEnd;
    this.at[i + 2] = valueStart;
    this.at[i + 3] = valueEnd;
    return true;
  }

  /** The value of the attribute named exactly `name` (`r`, `r:id`), undefined when there is none. */
  get(name: string): string | undefined {
    const k = this.find(name);
    return k < 0 ? undefined : this.value(k);
  }

  /** An attribute by its local name (`r:id`, `id` …); `sheetId` and the like never match `id`. */
  local(name: string): string | undefined {
    const exact = this.find(name);
    if (exact >= 0) return this.value(exact);
    for (let k = 0; k < this.n; k++) {
      const end = this.at[4 * k + 1];
      const start = end - name.length - 1;
      if (start > this.at[4 * k] && this.text.charCodeAt(start) === 0x3a && this.text.startsWith(name, start + 1)) return this.value(k);
    }
    return undefined;
  }

  /** Every attribute by its qualified name, in document order (tests, diagnostics). */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (let k = 0; k < this.n; k++) out[this.text.slice(this.at[4 * k], this.at[4 * k + 1])] = this.value(k);
    return out;
  }

  /** @internal checks every value's references (the tag holds a `&`). */
  checkReferences(): void {
    for (let k = 0; k < this.n; k++) this.value(k);
  }

  private find(name: string): number {
    for (let k = 0; k < this.n; k++) {
      const a = this.at[4 * k];
      if (this.at[4 * k + 1] - a === name.length && this.text.startsWith(name, a)) return k;
    }
    return -1;
  }

  /**
   * The attribute named exactly `name` handed to `parse` without a string cut for it: as
   * (tag text, start, end) when its value is plain (no reference, no line break or tab: nearly
   * every value, `A1`, `3`, `s`), else as its decoded value (value, 0, length). Undefined when
   * there is none. For the attributes read on every cell.
   */
  scan<T>(name: string, parse: (text: string, start: number, end: number) => T): T | undefined {
    const k = this.find(name);
    if (k < 0) return undefined;
    const start = this.at[4 * k + 2];
    const end = this.at[4 * k + 3];
    if (this.isPlain(start, end)) return parse(this.text, start, end);
    const v = this.value(k);
    return parse(v, 0, v.length);
  }

  private isPlain(start: number, end: number): boolean {
    const text = this.text;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x26 || c === 0x09 || c === 0x0a || c === 0x0d) return false;
    }
    return true;
  }

  private value(k: number): string {
    const start = this.at[4 * k + 2];
    const end = this.at[4 * k + 3];
    if (this.isPlain(start, end)) return this.text.slice(start, end);
    let v = this.text.slice(start, end);
    // Attribute-value normalisation: a literal line break or tab is a space (a reference keeps it).
    if (/[\t\n\r]/.test(v)) v = v.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ');
    return decodeReferences(v);
  }
}

export function parsePart(zip: ZipReader, part: string, handler: XmlHandler, limits: ReadLimits): void {
  const feeder = new PartFeeder(handler, limits, part);
  try {
    zip.inflate(part, (chunk) => feeder.push(chunk));
    feeder.end();
  } catch (e) {
    throw damaged(part, e);
  }
}

/** `parsePart` over `ZipReader.inflateAsync`: the large parts (sheets, shared strings). */
export async function parsePartAsync(zip: ZipReader, part: string, handler: XmlHandler, limits: ReadLimits): Promise<void> {
  const feeder = new PartFeeder(handler, limits, part);
  try {
    await zip.inflateAsync(part, (chunk) => feeder.push(chunk));
    feeder.end();
  } catch (e) {
    throw damaged(part, e);
  }
}

function damaged(part: string, e: unknown): UnreadableWorkbookError {
  if (e instanceof UnreadableWorkbookError) return e;
  return new UnreadableWorkbookError('corrupt', `${part}: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
}

/** Inflated bytes → text in the part's encoding → the tokenizer. */
class PartFeeder {
  private readonly tokenizer: XmlTokenizer;
  private decoder: Decoder | undefined;
  private head: Uint8Array | undefined;
  private readonly feed = (text: string): void => {
    if (text.length > 0) this.tokenizer.write(text);
  };

  constructor(handler: XmlHandler, limits: ReadLimits, part: string) {
    this.tokenizer = new XmlTokenizer(handler, limits.maxXmlDepth, part);
  }

  push(chunk: Uint8Array): void {
    if (this.decoder) {
      this.decoder.push(chunk, false);
      return;
    }
    // The byte-order mark needs the first three bytes; a short first slice waits for the next.
    const bytes = this.head ? concat(this.head, chunk) : chunk;
    if (bytes.length < 3) {
      this.head = bytes.slice();
      return;
    }
    this.head = undefined;
    this.decoder = decoderFor(bytes, this.feed);
  }

  end(): void {
    if (this.head) this.decoder = decoderFor(this.head, this.feed);
    this.decoder?.push(new Uint8Array(0), true);
    this.tokenizer.close();
  }
}

/** Not well-formed XML: the part is reported as damaged (`corrupt`) with this message. */
export class XmlError extends Error {}

/**
 * The longest single piece of markup (a tag with its attributes, a comment, a processing
 * instruction, a CDATA section) held while waiting for its end. Excel's own are far shorter
 * (a cell holds at most 32,767 characters); a longer one is a damaged or hostile part, and
 * bounding it keeps each write linear.
 */
export const MAX_MARKUP_CHARS = 1 << 20;

/** Past this many attributes in one tag, duplicates are found with a set. */
const MANY_ATTRIBUTES = 16;

/** Characters XML 1.0 forbids anywhere in a document (Excel writes them as `_x0001_`). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_OR_SURROGATE = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Where `s` holds a character XML forbids, a lone surrogate included; -1 when nowhere. */
function forbiddenAt(s: string): number {
  // One native scan; only surrogates (emoji, rare kanji) need a second look at their pairing.
  FORBIDDEN_OR_SURROGATE.lastIndex = 0;
  for (let m = FORBIDDEN_OR_SURROGATE.exec(s); m !== null; m = FORBIDDEN_OR_SURROGATE.exec(s)) {
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) return i;
    const next = s.charCodeAt(i + 1);
    if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return i;
    FORBIDDEN_OR_SURROGATE.lastIndex = i + 2;
  }
  return -1;
}
const REFERENCE = /&(?:#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6})|(lt|gt|amp|quot|apos));|&/g;
const XML_DECLARATION = /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeReferences(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(REFERENCE, (m: string, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named !== undefined) return PREDEFINED[named];
    if (dec === undefined && hex === undefined) throw new XmlError(`an undefined entity or a bare & near "${s.slice(0, 40)}"`);
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw new XmlError(`${m} is not a character XML allows`);
    return String.fromCodePoint(code);
  });
}

function sameChars(s: string, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (s.charCodeAt(a + i) !== s.charCodeAt(b + i)) return false;
  return true;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** A character of an element or attribute name: ASCII letters, digits, `-._:`, and anything beyond ASCII. */
function isNameChar(c: number): boolean {
  return c >= 0x80 || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x3a || c === 0x2d || c === 0x2e;
}

/** A name's first character: not a digit, `-` or `.`. */
function startsName(c: number): boolean {
  return isNameChar(c) && !(c >= 0x30 && c <= 0x39) && c !== 0x2d && c !== 0x2e;
}

/**
 * A streaming XML tokenizer for the parts of a workbook: elements, attributes, text, CDATA,
 * comments and processing instructions, the five predefined entities and character
 * references. It refuses what makes a part unreadable — tags that do not nest, an undefined
 * entity, a character XML forbids, a second root, text outside the root, a truncated part —
 * and a DOCTYPE, which an Office Open XML package may not carry (OPC, ISO/IEC 29500-2, M1.17),
 * so no entity is ever declared or expanded. Written for this reader because a general parser
 * (saxes, which the benchmark's floor runs) spends most of a read on checks no workbook part
 * needs; `tests/xlsx/xml.test.ts` proves the two give the same events on every sample part and
 * on crafted documents cut at every position.
 *
 * Text reaches the handler in pieces (a text node may be cut where a write ends); handlers join
 * them. Element and attribute names keep their prefix in `attrs` (`r:id`); element names reach
 * the handler without it.
 */
export class XmlTokenizer {
  /** Input not yet tokenised: an unfinished piece of markup, a cut reference or a trailing CR. */
  private pending = '';
  /** Qualified names of the open elements. */
  private readonly open: string[] = [];
  private seenRoot = false;
  /** A high surrogate that ended the last write, waiting for its pair. */
  private highSurrogate = '';
  /** Anything but the XML declaration has been read (it must come first). */
  private started = false;
  private readonly attrs = new Attributes();
  /** The next `&` at or after `ampAt` in `ampIn` (Infinity: none), so each tag need not search the rest of the input. */
  private ampIn = '';
  private ampAt = -1;

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxDepth: number,
    private readonly part: string,
  ) {}

  write(input: string): void {
    this.tokenize(input);
    this.handler.written?.();
  }

  private tokenize(input: string): void {
    // A surrogate pair cut between two writes is checked once it is whole.
    let chunk = this.highSurrogate + input;
    this.highSurrogate = '';
    const last = chunk.charCodeAt(chunk.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.highSurrogate = chunk.slice(-1);
      chunk = chunk.slice(0, -1);
    }
    const bad = forbiddenAt(chunk);
    if (bad >= 0) throw new XmlError(`a character XML does not allow (U+${chunk.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')})`);
    let s = chunk;
    let p = 0;
    if (this.pending.length > 0) {
      const pending = this.pending;
      this.pending = '';
      if (pending.charCodeAt(0) === 0x3c) {
        // A piece of markup cut by the last write: finished from as little of this input as it
        // takes, so the input itself is tokenised as it is. Joined whole, each write would copy
        // the whole input (searching a joined string flattens it).
        p = this.finishMarkup(pending, chunk);
        if (p < 0) return;
      } else s = pending + chunk; // a cut reference, a CR or "]": rare, and short
    }
    const n = s.length;
    while (p < n) {
      const lt = s.indexOf('<', p);
      if (lt < 0) {
        // Text up to the end: keep back a reference or a CR the next write may complete…
        let end = n;
        const amp = s.lastIndexOf('&');
        if (amp >= p && n - amp < 12 && s.indexOf(';', amp) < 0) end = amp;
        if (end > p && s.charCodeAt(end - 1) === 0x0d) end--;
        // …and up to two "]", which the next write could make a "]]>" (not allowed in text).
        while (end > p && end > n - 2 && s.charCodeAt(end - 1) === 0x5d) end--;
        if (end > p) this.text(s.slice(p, end));
        this.pending = s.slice(end);
        return;
      }
      if (lt > p) this.text(s.slice(p, lt));
      const next = this.markup(s, lt);
      // However the input is cut, a piece of markup past the bound is refused.
      if ((next < 0 ? n : next) - lt > MAX_MARKUP_CHARS) throw new XmlError(`a tag, comment or section longer than ${MAX_MARKUP_CHARS} characters`);
      if (next < 0) {
        this.pending = s.slice(lt);
        return;
      }
      p = next;
    }
  }

  /**
   * Completes the markup `pending` starts with from the start of `chunk`: the index in `chunk`
   * just after it, or -1 when `chunk` does not finish it either (all of it is then pending).
   */
  private finishMarkup(pending: string, chunk: string): number {
    for (let k = Math.min(chunk.length, 256); ; k = Math.min(chunk.length, k * 4)) {
      const head = pending + chunk.slice(0, k);
      const next = this.markup(head, 0);
      if ((next < 0 ? head.length : next) > MAX_MARKUP_CHARS) throw new XmlError(`a tag, comment or section longer than ${MAX_MARKUP_CHARS} characters`);
      if (next >= 0) return next - pending.length;
      if (k === chunk.length) {
        this.pending = head;
        return -1;
      }
    }
  }

  close(): void {
    if (this.highSurrogate !== '') throw new XmlError('the part ends inside a surrogate pair');
    const rest = this.pending;
    this.pending = '';
    if (rest.length > 0) {
      if (rest.charCodeAt(0) === 0x3c) throw new XmlError('the part ends inside a tag');
      this.text(rest);
    }
    if (this.open.length > 0) throw new XmlError(`<${this.open[this.open.length - 1]}> is never closed`);
    if (!this.seenRoot) throw new XmlError('no root element');
  }

  private text(raw: string): void {
    if (!this.started) this.started = true; // set once, not stored again for every text
    if (this.open.length === 0) {
      for (let i = 0; i < raw.length; i++) if (!isSpace(raw.charCodeAt(i))) throw new XmlError('text outside the root element');
      return;
    }
    let t = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
    if (t.indexOf('>') >= 0 && t.indexOf(']]>') >= 0) throw new XmlError('"]]>" in text');
    // Checked even where the handler reads no text: an undefined entity is a damaged part.
    t = decodeReferences(t);
    this.handler.text?.(t);
  }

  /** The markup starting at `s[lt] === '<'`: the index just after it, or -1 when it is not complete yet. */
  private markup(s: string, lt: number): number {
    const n = s.length;
    if (lt + 1 >= n) return -1;
    const c = s.charCodeAt(lt + 1);
    if (c === 0x2f) return this.endTag(s, lt);
    if (c === 0x3f) {
      // <?target …?>: the XML declaration (checked) or a processing instruction (read over).
      const end = s.indexOf('?>', lt + 2);
      if (end < 0) return -1;
      let t = lt + 2;
      while (t < end && isNameChar(s.charCodeAt(t))) t++;
      const target = s.slice(lt + 2, t);
      if (target === '' || !startsName(target.charCodeAt(0)) || (t < end && !isSpace(s.charCodeAt(t)))) throw new XmlError(`a processing instruction without a target`);
      if (target.toLowerCase() === 'xml') {
        if (this.started || target !== 'xml' || !XML_DECLARATION.test(s.slice(lt, end + 2))) throw new XmlError('a damaged or misplaced XML declaration');
      }
      if (!this.started) this.started = true;
      return end + 2;
    }
    if (!this.started) this.started = true;
    if (c === 0x21) {
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) return -1;
        const body = s.slice(lt + 4, end);
        if (body.indexOf('--') >= 0 || body.endsWith('-')) throw new XmlError('"--" inside a comment');
        return end + 3;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) return -1;
        if (this.open.length === 0) throw new XmlError('a CDATA section outside the root element');
        const data = s.slice(lt + 9, end);
        this.handler.text?.(data.indexOf('\r') < 0 ? data : data.replace(/\r\n?/g, '\n'));
        return end + 3;
      }
      if (n - lt < 9 && ['<!--', '<![CDATA[', '<!DOCTYPE'].some((start) => start.startsWith(s.slice(lt)))) return -1;
      if (s.startsWith('<!DOCTYPE', lt)) throw new XmlError('a DOCTYPE declaration, which a workbook part may not have');
      throw new XmlError(`unexpected "${s.slice(lt, lt + 12)}"`);
    }
    return this.startTag(s, lt);
  }

  private nextAmp(s: string, from: number): number {
    if (this.ampIn !== s || this.ampAt < from) {
      const at = s.indexOf('&', from);
      this.ampIn = s;
      this.ampAt = at < 0 ? Infinity : at;
    }
    return this.ampAt;
  }

  private endTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    let end = gt;
    while (end > lt + 2 && isSpace(s.charCodeAt(end - 1))) end--;
    const name = s.slice(lt + 2, end);
    const top = this.open.pop();
    if (top === undefined || top !== name) throw new XmlError(top === undefined ? `</${name}> closes nothing` : `</${name}> closes <${top}>`);
    this.handler.close(localName(name));
    return gt + 1;
  }

  private startTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    while (i < n && isNameChar(s.charCodeAt(i))) i++;
    if (i >= n) return -1;
    if (i === lt + 1 || !startsName(s.charCodeAt(lt + 1))) throw new XmlError(`unexpected "${s.slice(lt, lt + 12)}"`);
    const name = s.slice(lt + 1, i);
    const attrs = this.attrs;
    attrs.reset(s);
    let selfClosing = false;
    for (;;) {
      const before = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      let c = s.charCodeAt(i);
      if (c === 0x3e) {
        i++;
        break;
      }
      if (c === 0x2f) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) !== 0x3e) throw new XmlError(`<${name}>: "/" not followed by ">"`);
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === before) throw new XmlError(`<${name}>: attributes not separated by white space`);
      const nameStart = i;
      while (i < n && isNameChar(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (i === nameStart || !startsName(s.charCodeAt(nameStart))) throw new XmlError(`<${name}>: unexpected "${s[nameStart]}"`);
      const nameEnd = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (s.charCodeAt(i) !== 0x3d) throw new XmlError(`<${name}>: attribute ${s.slice(nameStart, nameEnd)} has no value`);
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      c = s.charCodeAt(i);
      if (c !== 0x22 && c !== 0x27) throw new XmlError(`<${name}>: the value of ${s.slice(nameStart, nameEnd)} is not quoted`);
      const close = s.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      if (!attrs.add(nameStart, nameEnd, i + 1, close)) throw new XmlError(`<${name}>: attribute ${s.slice(nameStart, nameEnd)} twice`);
      i = close + 1;
    }
    // Within the tag, quoted values are the only place a "<" or "&" can hide.
    const less = s.indexOf('<', lt + 1);
    if (less >= 0 && less < i) throw new XmlError(`<${name}>: "<" in an attribute value`);
    if (this.nextAmp(s, lt) < i) attrs.checkReferences();
    if (this.open.length === 0) {
      if (this.seenRoot) throw new XmlError(`a second root element <${name}>`);
      this.seenRoot = true;
    }
    if (this.open.length + 1 > this.maxDepth) throw new UnreadableWorkbookError('too-deep', `${this.part}: more than ${this.maxDepth} levels`);
    const local = localName(name);
    this.open.push(name);
    this.handler.open(local, attrs);
    if (selfClosing) {
      this.open.pop();
      this.handler.close(local);
    }
    return i;
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
    // A surrogate pair split between two writes reaches the handler in two text pieces, which it joins.
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
