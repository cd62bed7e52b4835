import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { totalCount, type GradeCounts, type PolicySummary } from '../../core';
import { planViews, reportLevels, sheetsText } from '../../render/summary-document';
import { usePane } from '../store';

/** Best level green … worst red, whatever the number of levels (spread evenly over the ramp). */
const LEVEL_RAMP = [tokens.colorPaletteGreenBackground3, tokens.colorPaletteLightGreenBackground2, tokens.colorPaletteYellowBackground3, tokens.colorPaletteDarkOrangeBackground2, tokens.colorPaletteRedBackground3];
function levelColour(i: number, n: number): string {
  return LEVEL_RAMP[n <= 1 ? 0 : Math.round((i * (LEVEL_RAMP.length - 1)) / (n - 1))];
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  group: { display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalXS },
  groupHead: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}` },
  total: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  // One line per policy: name | grade | bar with its numbers; ~34 px, so 25 policies fit in about two 360 px screens.
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 2.6em 92px',
    columnGap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    padding: `2px ${tokens.spacingHorizontalXS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  name: { overflowWrap: 'anywhere', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' },
  top: { fontWeight: tokens.fontWeightSemibold },
  grade: { textAlign: 'center', fontWeight: tokens.fontWeightSemibold },
  mismatch: { color: tokens.colorPaletteRedForeground1 },
  barBox: { display: 'flex', flexDirection: 'column', gap: '1px' },
  bar: { display: 'flex', height: '6px', borderRadius: tokens.borderRadiusSmall, overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground4 },
  numbers: { display: 'flex', justifyContent: 'space-between', fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
});

/**
 * 集計: per plan (its sheets named once; one plan written over several sheets is one group, each
 * node once), one compact line per policy — its grade and a bar of its levels with the numbers.
 */
export function SummaryScreen() {
  const styles = useStyles();
  const { t, report, actions, port, phase } = usePane();
  if (!report) return <Text>{t('checkFirst')}</Text>;
  const order = report.sheets.map((s) => s.name);
  const views = planViews(report).filter((v) => v.policies.length > 0);
  const sheets = views.flatMap((v) => v.sheets);
  const levels = reportLevels(report);
  const progressOnly = report.sheets.filter((s) => s.progress && !s.gradeCounts);
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
      {report.policies.length === 0 && progressOnly.length === 0 && <Text>{t('noPolicies')}</Text>}
      <div data-testid="policy-table" aria-label={t('policyTableTitle')} role="group" style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }}>
        {views.map((view) => {
          const sheet = view.sheets[0];
          const info = report.sheets.find((s) => s.name === sheet);
          const policies = view.policies;
          const top = Math.min(...policies.map((p) => p.level));
          const counts = view.counts ?? undefined;
          return (
            <div key={sheet} className={styles.group} data-testid="policy-group">
              <div className={styles.groupHead}>
                <Text as="h3" weight="semibold" size={300}>
                  {sheetsText(view.sheets, order)}
                </Text>
                {counts && (
                  <span className={styles.total} data-testid="sheet-total">
                    {t('summarySheetTotal', { dist: distribution(levels, counts, t('listSeparator')), graded: totalCount(counts) })}
                  </span>
                )}
              </div>
              {view.sheets.length === 1 && info?.progress && !counts ? (
                <Text size={200}>{t('summaryProgressOnly')}</Text>
              ) : (
                <ul className={styles.list}>
                  {policies.map((p, i) => (
                    <PolicyRow key={`${p.row}-${i}`} policy={p} levels={levels} top={p.level === top} classes={styles} />
                  ))}
                </ul>
              )}
            </div>
          );
        })}
        {progressOnly
          .filter((s) => !sheets.includes(s.name))
          .map((s) => (
            <div key={s.name} className={styles.group} data-testid="policy-group">
              <Text as="h3" weight="semibold" size={300}>
                {s.name}
              </Text>
              <Text size={200}>{t('summaryProgressOnly')}</Text>
            </div>
          ))}
      </div>
    </section>
  );
}

/** `A 3・B 1・C 0・D 0` in the scale's order. */
function distribution(levels: readonly string[], counts: GradeCounts, separator: string): string {
  return levels.map((g) => `${g} ${counts[g] ?? 0}`).join(separator);
}

function PolicyRow({ policy: p, levels, top, classes }: { policy: PolicySummary; levels: readonly string[]; top: boolean; classes: ReturnType<typeof useStyles> }) {
  const { t } = usePane();
  const total = totalCount(p.counts);
  const mismatch = p.declaredGrade !== null && p.computedGrade !== null && p.declaredGrade !== p.computedGrade;
  const grade = p.declaredGrade ?? p.computedGrade;
  const gradeTitle = t('summaryGrades', { declared: p.declaredGrade ?? t('gradeNone'), computed: p.computedGrade ?? t('gradeNone') });
  return (
    <li className={classes.row} data-testid="policy-row">
      <span className={`${classes.name} ${top ? classes.top : ''}`} style={{ paddingLeft: `${Math.max(0, p.level - 1) * 8}px` }} title={`${p.id} ${p.name}${(p.sheets?.length ?? 1) > 1 ? `（${p.sheets!.join('、')}）` : ''}`}>
        {p.id && p.id !== p.name ? `${p.id} ` : ''}
        {p.name}
      </span>
      <span className={`${classes.grade} ${mismatch ? classes.mismatch : ''}`} title={mismatch ? `${t('gradeMismatch')} — ${gradeTitle}` : gradeTitle}>
        {grade ?? '–'}
        {mismatch ? `→${p.computedGrade}` : ''}
      </span>
      <span className={classes.barBox} role="img" aria-label={`${t('distributionLabel', { dist: distribution(levels, p.counts, t('listSeparator')) })}・${t('programs', { count: p.programs })}`}>
        <span className={classes.bar}>
          {total > 0 &&
            levels.map((g, i) => ((p.counts[g] ?? 0) > 0 ? <span key={g} style={{ width: `${((p.counts[g] ?? 0) / total) * 100}%`, backgroundColor: levelColour(i, levels.length) }} /> : null))}
        </span>
        <span className={classes.numbers} aria-hidden="true">
          {levels.map((g) => (
            <span key={g}>
              {g}
              {p.counts[g] ?? 0}
            </span>
          ))}
        </span>
      </span>
    </li>
  );
}
