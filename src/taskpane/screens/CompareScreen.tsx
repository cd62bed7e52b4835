import { useRef, useState } from 'react';
import { Button, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatFiscalYear } from '../../core';
import type { PickedFile } from '../../excel/picked-files';
import { readPickedSnapshot } from '../../excel/picked-files';
import { compareMessages } from '../../i18n/compare';
import { severityKey, type MessageKey } from '../../i18n/taskpane';
import type { UnreadableReason } from '../../xlsx/errors';
import { runPaneComparison, writeComparison, type ComparisonRun } from '../comparison';
import { downloadBytes } from '../download';
import { usePane } from '../store';
import { DropZone } from './DropZone';
import { FindingItem, useFindingStyles } from './FindingsScreen';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hidden: { display: 'none' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  picked: { listStyleType: 'none', margin: 0, padding: 0, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

/** 前年度と比較: this year's workbook (open or dropped) against last year's file(s). */
export function CompareScreen() {
  const styles = useStyles();
  const fs = useFindingStyles();
  const { t, lang, port, settings, actions } = usePane();
  const m = compareMessages[lang].pane;
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<ComparisonRun | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const add = (list: FileList | null | undefined) => {
    if (!list) return;
    const known = new Set(files.map((f) => f.name));
    const added = (Array.from(list) as PickedFile[]).filter((f) => !f.name.startsWith('~$') && !known.has(f.name));
    setFiles([...files, ...added].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  };
  const compare = async () => {
    if (!port || running) return;
    if (files.length === 0) {
      setMessage(m.noFiles);
      return;
    }
    setRunning(true);
    setMessage(null);
    try {
      const describe = (reason: UnreadableReason): string => t(`unreadableWhy_${reason}` as MessageKey);
      setRun(await runPaneComparison({ port, previousFiles: files, settings, lang, readInput: readPickedSnapshot, describe }));
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };
  const write = async () => {
    if (!port || !run) return;
    try {
      const outcome = await writeComparison(port, run.result, lang);
      if (outcome.kind === 'file') {
        const year = run.result.currentYear !== null ? formatFiscalYear(run.result.currentYear, lang) : 'unknown';
        const name = m.fileName(year);
        downloadBytes(outcome.bytes, name);
        setMessage(m.downloaded(name));
      } else setMessage(m.written(outcome.sheets.join('」「')));
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const year = (y: number | null): string => (y === null ? '—' : formatFiscalYear(y, lang));
  const r = run?.result;

  return (
    <section className={styles.section} aria-labelledby="compare-title" data-testid="compare-screen">
      <Text id="compare-title" as="h2" weight="semibold" size={400}>
        {m.tab}
      </Text>
      <Text>{m.intro}</Text>
      <DropZone label={m.files} testId="compare-drop" onFiles={add}>
        <Text weight="semibold">{m.files}</Text>
        <Text size={200}>{m.drop}</Text>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="compare-files"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        <div className={styles.row}>
          <Button disabled={running} onClick={() => input.current?.click()}>
            {m.choose}
          </Button>
          {files.length > 0 && (
            <Button appearance="subtle" disabled={running} onClick={() => { setFiles([]); setRun(null); }}>
              {m.clear}
            </Button>
          )}
        </div>
        {files.length > 0 && (
          <>
            <Text size={200} weight="semibold">{m.selected(files.length)}</Text>
            <ul className={styles.picked}>
              {files.map((f) => <li key={f.name}>{f.name}</li>)}
            </ul>
          </>
        )}
      </DropZone>
      <div className={styles.row}>
        <Button appearance="primary" disabled={running || !port} onClick={() => void compare()} data-testid="compare-run">
          {m.run}
        </Button>
        {r && (
          <Button disabled={running} onClick={() => void write()} data-testid="compare-write">
            {m.write}
          </Button>
        )}
      </div>
      {running && <ProgressBar aria-label={m.running} />}
      {message && <Text role="status">{message}</Text>}
      {run?.unreadable.map((u) => (
        <Text key={u.file} className={styles.error}>{m.unreadable(u.file, u.reason)}</Text>
      ))}
      {r && (
        <>
          <Text weight="semibold" data-testid="compare-summary">
            {m.summary(year(r.previousYear), year(r.currentYear), r.match.matches.length, r.match.vanished.length, r.match.added.length)}
          </Text>
          {r.findings.length === 0 ? (
            <Text>{m.noFindings}</Text>
          ) : (
            <ul className={styles.list} data-testid="compare-findings">
              {r.findings.map((f, i) => (
                <li key={`${f.rule}-${f.sheet}-${f.cell}-${i}`}>
                  <FindingItem
                    finding={f}
                    lang={lang}
                    canSelect={Boolean(port?.selectCell)}
                    onSelect={() => void actions.selectFinding(f)}
                    label={m.jump}
                    severityText={t(severityKey(f.severity))}
                    classes={fs}
                    source={f.sheet ?? m.fileLevel}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
