import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { GRADES, type Grade, type PolicySummary } from '../../core';
import { usePane } from '../store';

const GRADE_COLOURS: Record<Grade, string> = {
  A: tokens.colorPaletteGreenBackground3,
  B: tokens.colorPaletteLightGreenBackground2,
  C: tokens.colorPaletteYellowBackground3,
  D: tokens.colorPaletteRedBackground3,
};

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { tableLayout: 'fixed', width: '100%', backgroundColor: tokens.colorNeutralBackground1 },
  policyCol: { width: '42%' },
  gradeCol: { width: '22%' },
  name: { overflowWrap: 'anywhere', whiteSpace: 'normal' },
  sheet: { color: tokens.colorNeutralForeground3 },
  grades: { display: 'flex', flexDirection: 'column', fontSize: tokens.fontSizeBase200 },
  mismatch: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  bar: { display: 'flex', height: '10px', borderRadius: tokens.borderRadiusSmall, overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground4 },
  legend: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  legendText: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: 'nowrap' },
  cellBox: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
});

/** 集計: A–D counts per policy, stated vs computed grade, and the button that writes the summary sheets. */
export function SummaryScreen() {
  const styles = useStyles();
  const { t, report, actions, port, phase } = usePane();
  if (!report) return <Text>{t('checkFirst')}</Text>;
  const policies = report.policies;
  return (
    <section className={styles.section} aria-labelledby="summary-title">
      <Text id="summary-title" as="h2" weight="semibold" size={400}>
        {t('policyTableTitle')}
      </Text>
      <div>
        <Button appearance="primary" disabled={phase !== 'idle'} onClick={() => void actions.writeSummary()}>
          {port?.kind === 'file' ? t('downloadReport') : t('writeSummary')}
        </Button>
      </div>
      {policies.length === 0 ? (
        <Text>{t('noPolicies')}</Text>
      ) : (
        <Table size="extra-small" className={styles.table} aria-label={t('policyTableTitle')} data-testid="policy-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.policyCol}>{t('colPolicy')}</TableHeaderCell>
              <TableHeaderCell className={styles.gradeCol}>{t('colGrade')}</TableHeaderCell>
              <TableHeaderCell>{t('colDistribution')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {policies.map((p, i) => (
              <PolicyRow key={`${p.sheet}-${p.row}-${i}`} policy={p} classes={styles} />
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function PolicyRow({ policy: p, classes }: { policy: PolicySummary; classes: ReturnType<typeof useStyles> }) {
  const { t } = usePane();
  const total = GRADES.reduce((n, g) => n + p.counts[g], 0);
  const mismatch = p.declaredGrade !== null && p.computedGrade !== null && p.declaredGrade !== p.computedGrade;
  const label = t('distributionLabel', p.counts);
  return (
    <TableRow data-testid="policy-row">
      <TableCell>
        <div className={classes.cellBox} style={{ paddingLeft: `${Math.max(0, p.level - 1) * 8}px` }}>
          <span className={classes.name}>
            {p.id && p.id !== p.name ? `${p.id} ` : ''}
            {p.name}
          </span>
          <span className={classes.sheet}>{p.sheet}</span>
        </div>
      </TableCell>
      <TableCell>
        <div className={classes.grades} title={mismatch ? t('gradeMismatch') : undefined}>
          <span>
            {t('declared')}: {p.declaredGrade ?? t('gradeNone')}
          </span>
          <span className={mismatch ? classes.mismatch : undefined}>
            {t('computed')}: {p.computedGrade ?? t('gradeNone')}
          </span>
        </div>
      </TableCell>
      <TableCell>
        <div className={classes.cellBox}>
          <div className={classes.bar} role="img" aria-label={label}>
            {total > 0 &&
              GRADES.map((g) =>
                p.counts[g] > 0 ? <span key={g} style={{ width: `${(p.counts[g] / total) * 100}%`, backgroundColor: GRADE_COLOURS[g] }} /> : null,
              )}
          </div>
          <span className={classes.legend} aria-hidden="true">
            {GRADES.map((g) => (
              <span key={g} className={classes.nowrap}>
                {g} {p.counts[g]}
              </span>
            ))}
          </span>
          <span className={classes.legendText}>{t('programs', { count: p.programs })}</span>
        </div>
      </TableCell>
    </TableRow>
  );
}
