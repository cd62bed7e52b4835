import { useRef, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DiagnosticsReport } from '../../excel/port';
import { diagnosticsText, type DiagnosticId } from '../../excel/diagnostics';
import { DIAGNOSTICS_TEXT } from '../../i18n/diagnostics';
import { usePane } from '../store';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalM, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  ok: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  detail: { display: 'block', fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  plain: { width: '100%', boxSizing: 'border-box', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100 },
});

/** 設定 › 診断: one button runs the live port's self-test; a copy button puts the result in a bug report. */
export function DiagnosticsPanel() {
  const styles = useStyles();
  const { port, lang } = usePane();
  const text = DIAGNOSTICS_TEXT[lang];
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const area = useRef<HTMLTextAreaElement>(null);
  if (!port?.diagnose) return null;
  const diagnose = port.diagnose.bind(port);

  const label = (id: string) => text.checks[id as DiagnosticId] ?? id;
  const plain = report ? diagnosticsText(report, (c) => label(c.id)) : '';
  const run = async () => {
    setBusy(true);
    setCopyState('idle');
    try {
      setReport(await diagnose());
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(plain);
      setCopyState('copied');
    } catch {
      // Some Office webviews refuse the clipboard API: leave the text selected for Ctrl+C.
      area.current?.select();
      setCopyState('manual');
    }
  };

  return (
    <section className={styles.section} aria-labelledby="diagnostics-title" data-testid="diagnostics">
      <Text id="diagnostics-title" as="h3" weight="semibold">
        {text.title}
      </Text>
      <Text size={200}>{text.intro}</Text>
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => void run()}>
          {busy ? text.running : text.run}
        </Button>
        {report && <Button onClick={() => void copy()}>{text.copy}</Button>}
      </div>
      {report && (
        <>
          <MessageBar intent={report.checks.every((c) => c.ok) ? 'success' : 'warning'}>
            <MessageBarBody>{report.checks.every((c) => c.ok) ? text.allOk : text.someFailed}</MessageBarBody>
          </MessageBar>
          <Text size={200}>{text.host.replace('{host}', report.host).replace('{platform}', report.platform).replace('{version}', report.version)}</Text>
          <Text size={200}>{text.api.replace('{range}', report.apiSets.length > 0 ? `${report.apiSets[report.apiSets.length - 1]} – ${report.apiSets[0]}` : '—')}</Text>
          <Text size={200} data-testid="diagnostics-library">
            {text.library.replace('{version}', report.library.version ?? '?').replace('{highest}', report.library.highestExcelApi ?? '?')}
          </Text>
          {report.unusable.map((u) => (
            <Text key={u.feature} size={200}>
              {text.unusable.replace('{feature}', u.feature).replace('{why}', u.why)}
            </Text>
          ))}
          <ul className={styles.list}>
            {report.checks.map((c) => (
              <li key={c.id} data-testid={`diagnostic-${c.id}`}>
                <span className={c.ok ? styles.ok : styles.bad}>{c.ok ? '✓' : '✗'}</span> {label(c.id)}
                <span className={styles.detail}>{c.detail}</span>
              </li>
            ))}
          </ul>
          {copyState !== 'idle' && <Text size={200}>{copyState === 'copied' ? text.copied : text.copyManual}</Text>}
          <textarea ref={area} className={styles.plain} readOnly value={plain} aria-label={text.copy} rows={6} />
        </>
      )}
    </section>
  );
}
