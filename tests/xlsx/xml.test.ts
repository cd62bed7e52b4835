/**
 * The reader's XML tokenizer (src/xlsx/xml.ts) against saxes, a general, conformant streaming
 * parser: on every XML part of every sample workbook, and on crafted documents fed whole, a
 * character at a time and cut at every position, both give the same elements, attributes and
 * text; what saxes refuses as not well-formed, the tokenizer refuses too. The one deliberate
 * difference: a DOCTYPE, which saxes reads and an Office Open XML part may not carry.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

import { Attributes, MAX_MARKUP_CHARS, XmlError, XmlTokenizer, type XmlHandler } from '../../src/xlsx/xml';

type Event = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Adjacent text pieces joined, as every handler joins them. */
function push(events: Event[], e: Event): void {
  const last = events[events.length - 1];
  if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
  else events.push(e);
}

function bySaxes(xml: string): Event[] | 'refused' {
  const events: Event[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failed = false;
  parser.on('error', () => void (failed = true));
  parser.on('opentag', (t: SaxesTagPlain) => push(events, ['open', local(t.name), { ...(t.attributes as Record<string, string>) }]));
  parser.on('closetag', (t: SaxesTagPlain) => push(events, ['close', local(t.name)]));
  parser.on('text', (t) => push(events, ['text', t]));
  parser.on('cdata', (t) => push(events, ['text', t]));
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  // saxes hands on the white space around the root; the tokenizer keeps to the root's content.
  if (events[0]?.[0] === 'text') events.shift();
  if (events[events.length - 1]?.[0] === 'text') events.pop();
  return failed ? 'refused' : events;
}

function byTokenizer(xml: string, cuts: number[] = []): Event[] | 'refused' {
  const events: Event[] = [];
  const handler: XmlHandler = {
    open: (name, attrs: Attributes) => push(events, ['open', name, { ...attrs.toRecord() }]),
    close: (name) => push(events, ['close', name]),
    text: (t) => push(events, ['text', t]),
  };
  const t = new XmlTokenizer(handler, 64, 'test.xml');
  try {
    let at = 0;
    for (const cut of [...cuts, xml.length]) {
      if (cut > at) t.write(xml.slice(at, cut));
      at = Math.max(at, cut);
    }
    t.close();
  } catch {
    return 'refused';
  }
  return events;
}

const WELL_FORMED: string[] = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a/>',
  '<a x="1" y=\'2\' z = "3"><b/><b></b >text</a>',
  '<x:worksheet xmlns:x="urn:m" xmlns:r="urn:r"><x:sheets><x:sheet name="評価" r:id="rId1" sheetId="1"/></x:sheets></x:worksheet>',
  '<a v="a&gt;b&lt;c&amp;d&quot;e&apos;f&#65;&#x42;&#x1F600;">x &amp; y &lt; z &#12354; &#x3042;</a>',
  '<a v="1 > 0">ok</a>',
  '<a v="line\nbreak\ttab\r\nend" w="&#10;kept&#9;">text\r\nwith\rbreaks</a>',
  '<a><![CDATA[<not> a & tag]]>after<!-- a comment with <tags> & stuff --><?pi data?></a>',
  '<a>  <b>  spaced  </b>\n</a>\n<!-- trailing comment -->\n',
  '<si><t xml:space="preserve"> 評価_x000D_ </t><rPh sb="0" eb="2"><t>ヒョウカ</t></rPh></si>',
  '<a>😀 surrogate pairs 𠮷 and 〜－ dashes</a>',
  '<a b="it\'s" c=\'say "hi"\'/>',
  '<a\n  b="1"\n  c="2"\n/>',
  '<a>]]</a>',
  '<a>]</a>',
  '<a>a&#13;b</a>',
  '<a>&#x10FFFF;</a>',
];

const MALFORMED: string[] = [
  '<a><b></a></b>',
  '<a>',
  '<a></b>',
  '</a>',
  '<a/><b/>',
  'text<a/>',
  '<a/>text',
  '<a>&nbsp;</a>',
  '<a>&unknown;</a>',
  '<a>a & b</a>',
  '<a>&#0;</a>',
  '<a>&#xD800;</a>',
  '<a>&#x110000;</a>',
  '<a v="<"/>',
  '<a v="1" v="2"/>',
  '<a v=1/>',
  '<a v/>',
  '<a v="1"w="2"/>',
  '<a v="&bad;"/>',
  '<a v="a & b"/>',
  '<a>\u0001</a>',
  '<a v="\u0008"/>',
  '<a>\uFFFE</a>',
  '<a>]]></a>',
  '<a><!-- never closed </a>',
  '<a><![CDATA[ never closed </a>',
  '<a/ >',
  '< a/>',
  '<a><b/',
  '',
  '   ',
];

describe('the same events as saxes', () => {
  test.each(WELL_FORMED)('well-formed: %j', (xml) => {
    const expected = bySaxes(xml);
    expect(expected).not.toBe('refused');
    expect(byTokenizer(xml)).toEqual(expected);
  });

  test.each(MALFORMED)('not well-formed, refused by both: %j', (xml) => {
    expect(bySaxes(xml)).toBe('refused');
    expect(byTokenizer(xml)).toBe('refused');
  });

  test('cut at every position, and a character at a time, every document reads the same', () => {
    for (const xml of [...WELL_FORMED, ...MALFORMED]) {
      const whole = byTokenizer(xml);
      for (let cut = 0; cut <= xml.length; cut++) expect([xml, cut, byTokenizer(xml, [cut])]).toEqual([xml, cut, whole]);
      for (let a = 0; a <= xml.length; a += 3) for (let b = a; b <= xml.length; b += 5) expect([xml, a, b, byTokenizer(xml, [a, b])]).toEqual([xml, a, b, whole]);
      expect(byTokenizer(xml, [...xml].map((_, i) => i))).toEqual(whole);
    }
  });

  test('markup longer than the first slice of the next write (a long tag, comment, section), cut anywhere, reads the same', () => {
    const long = 'あ'.repeat(700) + 'x'.repeat(700);
    const docs = [
      `<a><b v="${long}" w="${long}">t</b><!--${long}--><![CDATA[${long}]]><?pi ${long}?></a>`,
      `<a><b v="${long}" v="twice"/></a>`,
      `<a><b v="${long}"></a>`,
      `<a><!--${long}--x--></a>`,
    ];
    for (const xml of docs) {
      const whole = byTokenizer(xml);
      expect(whole).toEqual(bySaxes(xml));
      for (let cut = 0; cut <= xml.length; cut++) expect([cut, byTokenizer(xml, [cut])]).toEqual([cut, whole]);
      for (let a = 0; a <= xml.length; a += 97) for (let b = a; b <= xml.length; b += 89) expect([a, b, byTokenizer(xml, [a, b])]).toEqual([a, b, whole]);
      expect(byTokenizer(xml, [...xml].map((_, i) => i))).toEqual(whole);
    }
  });

  test('3,000 random damages of those documents: accepted and refused alike, with the same events', () => {
    // A seeded generator, so a failure names a case that can be run again.
    let seed = 20261130;
    const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pieces = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', ']]>', '<!--', '-->', '<![CDATA[', '&amp;', '&#', 'x', '\r', '\u0001', '?>', '<?'];
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      const base = WELL_FORMED[k % WELL_FORMED.length];
      let xml = base;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (xml.length + 1));
        const kind = random();
        if (kind < 0.4) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(random() * 3));
        else xml = xml.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + xml.slice(at);
      }
      // A lone surrogate is not a character (XML 1.0 §2.2); saxes misreads a lone high one
      // (it takes the next character as its pair), so those cases are checked on their own.
      const expected = /\p{Cs}/u.test(xml) ? 'refused' : bySaxes(xml);
      if (expected === 'refused') refused++;
      const cut = Math.floor(random() * (xml.length + 1));
      expect([k, xml, byTokenizer(xml, [cut])]).toEqual([k, xml, expected]);
    }
    // Not vacuous: many damages break the document, and many do not.
    expect(refused).toBeGreaterThan(500);
    expect(refused).toBeLessThan(2900);
  });

  test('every XML part of every sample workbook, in 4 KB writes', async () => {
    const dir = path.join(__dirname, '..', '..', 'samples');
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    let parts = 0;
    for (const f of files) {
      const zip = unzipSync(new Uint8Array(await fs.readFile(path.join(dir, f))));
      for (const [name, data] of Object.entries(zip)) {
        if (!/\.(xml|rels)$/.test(name)) continue;
        const xml = new TextDecoder().decode(data);
        const cuts = Array.from({ length: Math.floor(xml.length / 4096) }, (_, i) => (i + 1) * 4096 - 7);
        const expected = bySaxes(xml);
        expect(expected).not.toBe('refused');
        expect([f, name, byTokenizer(xml, cuts)]).toEqual([f, name, expected]);
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(30);
  });
});

describe('what the tokenizer refuses on purpose', () => {
  test('a DOCTYPE (an OOXML part may not have one), so no entity is ever declared or expanded', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><a>&y;</a>';
    expect(bySaxes('<!DOCTYPE a><a/>')).not.toBe('refused');
    expect(byTokenizer('<!DOCTYPE a><a/>')).toBe('refused');
    expect(byTokenizer(bomb)).toBe('refused');
  });

  test('a tag longer than its bound is refused instead of waiting for its end', () => {
    const long = `<a v="${'x'.repeat(MAX_MARKUP_CHARS + 10)}"/>`;
    const chunks = Array.from({ length: Math.ceil(long.length / 65536) }, (_, i) => (i + 1) * 65536);
    expect(byTokenizer(long, chunks)).toBe('refused');
    // …while a text of the same length, cut anywhere, is read.
    const text = `<a>${'y'.repeat(MAX_MARKUP_CHARS + 10)}</a>`;
    const read = byTokenizer(text, chunks);
    expect(read).not.toBe('refused');
    expect((read as Event[])[1]).toEqual(['text', 'y'.repeat(MAX_MARKUP_CHARS + 10)]);
  });

  test('a tag with 60,000 attributes (within the markup bound) is read, and a repeated one among them is still refused', () => {
    const many = Array.from({ length: 60_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    const read = byTokenizer(`<t ${many}/>`);
    expect(read).not.toBe('refused');
    expect(Object.keys((read as Event[])[0][2] as Record<string, string>)).toHaveLength(60_000);
    expect(byTokenizer(`<t ${many} a37777="again"/>`)).toBe('refused');
    // The same below the switch to a set: the 3rd of 5 repeated.
    expect(byTokenizer('<t a="1" b="2" c="3" d="4" c="5"/>')).toBe('refused');
  });

  test('an undefined entity is refused in a part whose reader takes no text too', () => {
    const t = new XmlTokenizer({ open: () => undefined, close: () => undefined }, 64, 't');
    expect(() => {
      t.write('<a>&bogus;</a>');
      t.close();
    }).toThrow(XmlError);
  });

  test('nesting deeper than the limit', () => {
    const deep = '<a>'.repeat(65) + '</a>'.repeat(65);
    expect(byTokenizer('<a>'.repeat(64) + '</a>'.repeat(64))).not.toBe('refused');
    expect(byTokenizer(deep)).toBe('refused');
  });
});

describe('Attributes', () => {
  /** What `get` and `local` return for these names while the first tag is open (they are valid only then). */
  type Lookup = { get?: string; local?: string; own?: PropertyDescriptor };
  const lookups = (xml: string, names: string[]): Map<string, Lookup> => {
    let got: Map<string, Lookup> | null = null;
    const tok = new XmlTokenizer(
      {
        open: (_name, a) => {
          const record = a.toRecord();
          got ??= new Map(names.map((n) => [n, { get: a.get(n), local: a.local(n), own: Object.getOwnPropertyDescriptor(record, n) }]));
        },
        close: () => undefined,
      },
      64,
      't',
    );
    tok.write(xml);
    tok.close();
    return got ?? new Map();
  };

  test('get is by qualified name; local finds a prefixed attribute by its local name, never a longer name ending in it', () => {
    const a = lookups('<sheet name="評価 &amp; 点検" sheetId="3" r:id="rId7"/>', ['name', 'id', 'r:id', 'sheetId', 'missing']);
    expect(a.get('name')?.get).toBe('評価 & 点検');
    expect(a.get('id')?.get).toBeUndefined();
    expect(a.get('id')?.local).toBe('rId7');
    expect(a.get('r:id')?.get).toBe('rId7');
    expect(a.get('sheetId')?.get).toBe('3');
    expect(a.get('missing')?.local).toBeUndefined();
    const b = lookups('<sheet sheetId="3"/>', ['id', 'Id']);
    expect(b.get('id')?.local).toBeUndefined();
    expect(b.get('Id')?.local).toBeUndefined();
  });

  test('scan hands a plain value in place and any other value decoded, as get reads it', () => {
    const seen: [string, string | undefined, string | undefined][] = [];
    const tok = new XmlTokenizer(
      {
        open: (_name, a) => {
          for (const n of ['r', 's', 't', 'u', 'none']) {
            const cut = a.scan(n, (text, start, end) => `${start === 0 && end === text.length ? 'whole' : 'in place'}:${text.slice(start, end)}`);
            seen.push([n, cut, a.get(n)]);
          }
        },
        close: () => undefined,
      },
      64,
      't',
    );
    tok.write('<c r="AB12" s="&#51;" t="a\tb" u="x\ny"/>');
    tok.close();
    expect(seen).toEqual([
      ['r', 'in place:AB12', 'AB12'],
      ['s', 'whole:3', '3'],
      ['t', 'whole:a b', 'a b'],
      ['u', 'whole:x y', 'x y'],
      ['none', undefined, undefined],
    ]);
  });

  test('an attribute named __proto__ or constructor is data like any other', () => {
    const a = lookups('<a __proto__="x" constructor="y"/>', ['__proto__', 'constructor', 'toString']);
    expect(a.get('__proto__')?.get).toBe('x');
    expect(a.get('__proto__')?.own?.value).toBe('x');
    expect(a.get('constructor')?.get).toBe('y');
    expect(a.get('toString')?.get).toBeUndefined();
  });
});
