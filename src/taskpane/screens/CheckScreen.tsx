import { Badge, Button, Card, Field, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { countBySeverity, type Severity } from '../../core';
import { severityKey } from '../../i18n/taskpane';
import { usePane } from '../store';
import { FileStart } from './FileStart';
import { ReadTables } from './ReadTables';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  counts: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  count: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: tokens.spacingVerticalXS, padding: tokens.spacingVerticalS, cursor: 'pointer' },
  number: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_BADGE = { error: 'danger', warning: 'warning', info: 'informative' } as const;

/** 点検: run the check, see progress, counts by severity and when it last ran. */
export function CheckScreen() {
  const styles = useStyles();
  const { t, actions, phase, report, lastRun, port, highlighted, lang, readProgress } = usePane();
  const busy = phase !== 'idle';
  const counts = report ? countBySeverity(report.findings) : null;
  const phaseText = phase === 'reading' ? t('phaseReading') : phase === 'checking' ? t('phaseChecking') : phase === 'writing' ? t('phaseWriting') : '';
  const evaluationSheets = report?.sheets.filter((s) => s.kind === 'evaluation').length ?? 0;
  // "Nothing was checked" is not "no findings": no evaluation table, or the engine says so.
  const nothingChecked = report !== null && (evaluationSheets === 0 || report.findings.some((f) => f.rule === 'nothing-checked'));

  return (
    <section className={styles.section} aria-labelledby="check-title">
      <Text id="check-title" as="h2" weight="semibold" size={400}>
        {t('tabCheck')}
      </Text>
      <Text>{port?.kind === 'file' ? t('checkIntroFile') : t('checkIntroLive')}</Text>
      {port?.kind === 'file' && (
        <Text weight="semibold" data-testid="file-name">
          {t('fileLoaded', { name: port.fileName ?? '' })}
        </Text>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || !port} onClick={() => void actions.runCheck()}>
          {report ? t('rerunCheck') : t('runCheck')}
        </Button>
        {port?.kind === 'file' && <FileStart compact />}
      </div>
      {busy && (
        <Field validationMessage={readProgress ? t('readProgress', { done: readProgress.done.toLocaleString(lang), total: readProgress.total.toLocaleString(lang) }) : phaseText} validationState="none">
          <ProgressBar aria-label={phaseText} data-testid="check-progress" value={readProgress && readProgress.total > 0 ? readProgress.done / readProgress.total : undefined} />
        </Field>
      )}
      {(phase === 'reading' || phase === 'checking') && (
        <div className={styles.actions}>
          <Button onClick={() => actions.cancelCheck()} data-testid="check-cancel">
            {t('checkCancel')}
          </Button>
        </div>
      )}
      {report && counts && (
        <>
          <Text as="h3" weight="semibold">
            {t('countsTitle')}
          </Text>
          <div className={styles.counts} data-testid="severity-counts">
            {SEVERITIES.map((s) => (
              <Card
                key={s}
                className={styles.count}
                size="small"
                role="button"
                tabIndex={0}
                aria-label={t('severityFilterHint', { severity: t(severityKey(s)) })}
                data-testid={`card-${s}`}
                onClick={() => actions.showFindings(s)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    actions.showFindings(s);
                  }
                }}
              >
                <span className={styles.number} data-testid={`count-${s}`}>
                  {counts[s].toLocaleString(lang)}
                </span>
                <Badge appearance="tint" color={SEVERITY_BADGE[s]}>
                  {t(severityKey(s))}
                </Badge>
              </Card>
            ))}
          </div>
          {nothingChecked ? (
            <MessageBar intent="warning" data-testid="nothing-checked">
              <MessageBarBody>{t('nothingChecked')}</MessageBarBody>
            </MessageBar>
          ) : (
            report.findings.length === 0 && <Text data-testid="no-findings">{t('noFindings')}</Text>
          )}
          <Text size={200}>{t('sheetsChecked', { count: report.sheets.length, evaluation: evaluationSheets })}</Text>
          <Text size={200}>{report.reportYear ? t('reportYear', { year: fiscalYearLabel(report.reportYear, lang) }) : t('reportYearUnknown')}</Text>
          {lastRun && (
            <Text size={200} data-testid="last-run">
              {t('lastRun', { time: lastRun.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US') })}
            </Text>
          )}
          <div className={styles.actions}>
            <Button disabled={busy} onClick={() => void actions.writeSummary()}>
              {port?.kind === 'file' ? t('downloadReport') : t('writeSummary')}
            </Button>
            {port?.highlight && (
              <Button disabled={busy} onClick={() => void actions.toggleHighlights()}>
                {highlighted ? t('highlightOff') : t('highlightOn')}
              </Button>
            )}
          </div>
          <ReadTables />
        </>
      )}
    </section>
  );
}

/** 2023 → 令和5年度 (2023年度) in Japanese, FY2023 in English. */
export function fiscalYearLabel(year: number, lang: 'ja' | 'en'): string {
  if (lang === 'en') return `FY${year}`;
  const reiwa = year - 2018;
  if (reiwa >= 1) return `令和${reiwa === 1 ? '元' : reiwa}年度（${year}年度）`;
  return `${year}年度`;
}
