/**
 * The CLI's shared-strings worker thread (src/cli/strings-thread.ts): the worker compiled as
 * it ships, reading texts that are easy to get wrong on the way back (lone surrogates, empty
 * strings, escapes, rich text, readings, texts longer than one decoded run), gives the snapshot
 * the one-thread reader gives; and the real `hyoka check` on a file large enough to use it
 * prints what the in-process check prints, and refuses a bad strings part for the same reason.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { main } from '../../src/cli/main';
import { nodeInflater } from '../../src/cli/inflate';
import { STRINGS_THREAD_MIN_BYTES, stringsOnWorkerAt } from '../../src/cli/strings-thread';
import { isUnreadable } from '../../src/xlsx/errors';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../../src/xlsx/limits';
import { readWorkbook, type StringsElsewhere } from '../../src/xlsx/read';
import { captureIo } from '../cli/capture-io';
import { book, si } from '../xlsx/parts';
import { BUILT_STRINGS_WORKER, ensureBuilt, expectNoCrash, runCli, tempDir } from './cli';

jest.setTimeout(180_000);

let dir: string;
beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('strings-thread');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** `<si>` with runs and a reading, as Excel writes a formatted text. */
const rich = (a: string, b: string): string => `<si><r><rPr><b/></rPr><t>${a}</t></r><r><t xml:space="preserve"> ${b}</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh></si>`;

function trickyBook(rows: number): Uint8Array {
  const strings = [
    si(''),
    '<si><t>lone _xD800_ surrogate and _x000D_ escape</t></si>',
    rich('施策', '評価'),
    si('x'.repeat(32_767)),
    si('取組&<>"\'「」'),
    ...Array.from({ length: rows }, (_, i) => si(`地域福祉計画の取組 ${i} ／ 担当課 ${i % 37}`)),
  ];
  const body = Array.from({ length: rows }, (_, i) => {
    const r = i + 1;
    return `<row r="${r}"><c r="A${r}" t="s"><v>${5 + i}</v></c><c r="B${r}" t="s"><v>${i % 5}</v></c><c r="C${r}"><v>${i}</v></c></row>`;
  }).join('');
  return book({ sheets: [{ name: '評価', body: `<sheetData>${body}</sheetData>` }], strings });
}

async function outcome(data: Uint8Array, options: Parameters<typeof readWorkbook>[2]): Promise<unknown> {
  try {
    return await readWorkbook(data, 'x.xlsx', { inflater: nodeInflater, ...options });
  } catch (e) {
    if (isUnreadable(e)) return { unreadable: e.reason };
    throw e;
  }
}

/**
 * The built worker, with what each of its answers was: the strings' count, or the reason it
 * refused them. A worker that failed to answer would leave the reader to read the strings
 * itself and these tests would pass without it; the answers show it did the reading.
 */
const answers: (number | string)[] = [];
const built = stringsOnWorkerAt(BUILT_STRINGS_WORKER, 0);
const onWorker: StringsElsewhere = (bytes, limits) => {
  const thread = built(bytes, limits);
  return (
    thread && {
      total: thread.total,
      read: (part) =>
        thread.read(part).then(
          (strings) => (answers.push(strings.length), strings),
          (e: unknown) => {
            answers.push(isUnreadable(e) ? e.reason : `failed: ${String(e)}`);
            throw e;
          },
        ),
    }
  );
};
beforeEach(() => {
  answers.length = 0;
});

describe('the worker as built', () => {
  it('exists in the build the CLI tests run', async () => {
    await expect(fs.stat(BUILT_STRINGS_WORKER)).resolves.toBeTruthy();
  });

  it('gives the snapshot read on one thread, texts longer than a decoded run included', async () => {
    // ~1.3M code units of strings: more than one run (2^20) of the worker’s decoding.
    for (const rows of [3, 50_000]) {
      const data = trickyBook(rows);
      const here = await outcome(data, {});
      expect(await outcome(data, { stringsElsewhere: onWorker })).toEqual(here);
    }
    expect(answers).toEqual([5 + 3, 5 + 50_000]);
    const one = (await readWorkbook(trickyBook(3), 'x.xlsx', { stringsElsewhere: onWorker })).sheets[0].rows;
    expect(one[0]).toEqual(['地域福祉計画の取組 0 ／ 担当課 0', null, 0]);
    expect(one[1]?.[1]).toBe('lone \ud800 surrogate and \r escape');
    expect(one[2]?.[1]).toBe('施策 評価');
  });

  it('refuses for the reasons the one-thread reader gives', async () => {
    const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, maxSharedStrings: 10 };
    const data = trickyBook(20);
    expect(await outcome(data, { limits, stringsElsewhere: onWorker })).toEqual({ unreadable: 'too-many-strings' });
    const long = book({ sheets: [{ name: 'S', body: '<sheetData/>' }], strings: [si('y'.repeat(32_768))] });
    expect(await outcome(long, { stringsElsewhere: onWorker })).toEqual({ unreadable: 'cell-too-long' });
    const bomb = book({ sheets: [{ name: 'S', body: '<sheetData/>' }], extra: { 'xl/sharedStrings.xml': `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(400_000)}</sst>` } });
    expect(await outcome(bomb, { limits: { ...DEFAULT_READ_LIMITS, ratioFloorBytes: 1024 * 1024 }, stringsElsewhere: onWorker })).toEqual({ unreadable: 'zip-bomb' });
    // Each refusal came from the worker, not from a fallback read on this thread.
    expect(answers).toEqual(['too-many-strings', 'cell-too-long', 'zip-bomb']);
  });

  it('a worker script that fails to load, or ends without answering: the strings are read on this thread', async () => {
    const data = trickyBook(50);
    const here = await outcome(data, {});
    for (const [name, text] of [['broken.js', 'syntax error('], ['silent.js', '']]) {
      const script = path.join(dir, name);
      await fs.writeFile(script, text);
      expect(await outcome(data, { stringsElsewhere: stringsOnWorkerAt(script, 0) })).toEqual(here);
    }
  });
});

describe('hyoka check on a file that uses the worker', () => {
  /** A stored part of random bytes: the file passes the size past which the worker is used. */
  const padding = (): Record<string, Uint8Array> => ({ 'xl/media/image1.bin': new Uint8Array(randomBytes(STRINGS_THREAD_MIN_BYTES + 4096)) });

  it('prints the report the in-process check prints', async () => {
    // A full-width Ｂ in every fourth row: a finding on each (grade-nonstandard), whatever scale is read.
    const rows = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
      '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c></row>',
      ...Array.from({ length: 40 }, (_, i) => {
        const r = i + 4;
        return `<row r="${r}"><c r="A${r}" t="s"><v>${4 + (i % 8)}</v></c><c r="B${r}" t="s"><v>${12 + (i % 3)}</v></c><c r="C${r}" t="s"><v>${15 + (i % 4)}</v></c></row>`;
      }),
    ].join('');
    const strings = ['令和5年度 評価調書', '取組', '担当課', '評価', ...Array.from({ length: 8 }, (_, i) => `【取組${i + 1}】地域の見守り活動の推進 _xD83D_`), '福祉政策課', '高齢福祉課', '障がい福祉課', 'A', 'B', 'C', 'Ｂ'].map(si);
    const data = book({ sheets: [{ name: '評価調書', body: `<sheetData>${rows}</sheetData>` }], strings, extra: padding() });
    expect(data.length).toBeGreaterThan(STRINGS_THREAD_MIN_BYTES);
    const file = path.join(dir, 'large.xlsx');
    await fs.writeFile(file, data);
    const io = captureIo();
    const code = await main(['check', file, '--json'], io);
    const cli = await runCli(['check', file, '--json']);
    expectNoCrash(cli);
    expect(cli.code).toBe(code);
    expect(cli.stdout).toBe(io.out);
    expect(JSON.parse(cli.stdout).findings.length).toBeGreaterThan(0);
  });

  it('refuses a strings part past a bound with its reason, exit 2', async () => {
    const data = book({ sheets: [{ name: 'S', body: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' }], strings: [si('z'.repeat(32_768))], extra: padding() });
    const file = path.join(dir, 'long-string.xlsx');
    await fs.writeFile(file, data);
    const io = captureIo();
    expect(await main(['check', file], io)).toBe(2);
    const cli = await runCli(['check', file]);
    expectNoCrash(cli);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(io.err);
    expect(cli.stderr).toContain('32,767');
  });
});
