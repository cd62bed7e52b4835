import { useMemo, useState } from 'react';
import { Badge, Button, Dropdown, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ruleById, type Finding, type Lang, type Severity } from '../../core';
import { describe } from '../../render/describe';
import { severityKey } from '../../i18n/taskpane';
import { usePane } from '../store';
import { SEVERITIES, SEVERITY_BADGE } from './CheckScreen';

export const useFindingStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: tokens.spacingHorizontalS },
  dropdown: { minWidth: '0', width: '100%' },
  sheet: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  rule: { color: tokens.colorNeutralForeground2, marginTop: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  // Severity and cell on a short line above, the message below across the whole width (320 px panes).
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    alignItems: 'stretch',
    width: '100%',
    textAlign: 'left',
    justifyContent: 'flex-start',
    padding: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    fontWeight: tokens.fontWeightRegular,
    minWidth: 0,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  message: { overflowWrap: 'anywhere', whiteSpace: 'normal' },
  body: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  source: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export const ALL = '*';

/** 指摘一覧: findings grouped by sheet and rule; clicking one selects its cell in Excel. */
export function FindingsScreen() {
  const styles = useFindingStyles();
  const { t, report, actions, port, lang, findingsSeverity } = usePane();
  // Opened from a severity card on 点検: start filtered to it.
  const [severity, setSeverity] = useState<string>(findingsSeverity ?? ALL);
  const [sheet, setSheet] = useState<string>(ALL);
  const [department, setDepartment] = useState<string>(ALL);
  const findings = report?.findings ?? [];

  const sheets = useMemo(() => unique(findings.map((f) => f.sheet ?? '')), [findings]);
  const departments = useMemo(() => unique(findings.map((f) => f.department ?? '').filter(Boolean)), [findings]);
  const shown = findings.filter(
    (f) =>
      (severity === ALL || f.severity === severity) &&
      (sheet === ALL || (f.sheet ?? '') === sheet) &&
      (department === ALL || f.department === department),
  );
  const groups = groupFindings(shown);
  const ruleTitle = (id: string) => ruleById(id)?.title[lang] ?? id;
  const sheetLabel = (s: string) => (s === '' ? t('workbookLevel') : s);

  if (!report) return <Text>{t('checkFirst')}</Text>;
  return (
    <section className={styles.section} aria-labelledby="findings-title">
      <Text id="findings-title" as="h2" weight="semibold" size={400}>
        {t('tabFindings')}
      </Text>
      <div className={styles.filters}>
        <FilterDropdown label={t('filterSeverity')} value={severity} onChange={setSeverity} all={t('filterAll')} className={styles.dropdown}
          options={SEVERITIES.map((s: Severity) => ({ value: s, text: t(severityKey(s)) }))} />
        <FilterDropdown label={t('filterSheet')} value={sheet} onChange={setSheet} all={t('filterAll')} className={styles.dropdown}
          options={sheets.map((s) => ({ value: s, text: sheetLabel(s) }))} />
        {departments.length > 0 && (
          <FilterDropdown label={t('filterDepartment')} value={department} onChange={setDepartment} all={t('filterAll')} className={styles.dropdown}
            options={departments.map((d) => ({ value: d, text: d }))} />
        )}
      </div>
      <Text size={200} aria-live="polite">
        {t('findingsShown', { shown: shown.length, total: findings.length })}
      </Text>
      {findings.length === 0 && <Text>{t('noFindings')}</Text>}
      {findings.length > 0 && shown.length === 0 && <Text>{t('findingsEmptyFilter')}</Text>}
      {groups.map(([sheetName, rules]) => (
        <div key={sheetName} className={styles.sheet} data-testid="finding-sheet">
          <Text as="h3" weight="semibold">
            {sheetLabel(sheetName)}
          </Text>
          {rules.map(([rule, items]) => (
            <div key={rule}>
              <Text as="h4" size={200} className={styles.rule}>
                {ruleTitle(rule)}
              </Text>
              <ul className={styles.list}>
                {items.map((f, i) => (
                  <li key={`${f.cell ?? ''}-${i}`}>
                    <FindingItem finding={f} lang={lang} canSelect={Boolean(port?.selectCell)} onSelect={() => void actions.selectFinding(f)}
                      label={f.cell ? t('findingCellLive', { cell: f.cell }) : t('findingNoCell')} severityText={t(severityKey(f.severity))}
                      classes={styles} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

/** One finding: severity, cell and message; `source` (取りまとめ: the file and sheet) goes under the message. */
export function FindingItem(props: {
  finding: Finding;
  lang: Lang;
  canSelect: boolean;
  onSelect: () => void;
  label: string;
  severityText: string;
  classes: ReturnType<typeof useFindingStyles>;
  source?: string;
}) {
  const { finding: f, classes } = props;
  const message = describe(f, props.lang);
  const content = (
    <>
      <span className={classes.head}>
        <Badge appearance="tint" size="small" className={classes.badge} color={SEVERITY_BADGE[f.severity]}>
          {props.severityText}
        </Badge>
        <span className={classes.cell}>{f.cell ?? '—'}</span>
      </span>
      {props.source === undefined ? (
        <span className={classes.message}>{message}</span>
      ) : (
        <span className={classes.body}>
          <span className={classes.message}>{message}</span>
          <span className={classes.source} data-testid="finding-source">
            {props.source}
          </span>
        </span>
      )}
    </>
  );
  if (props.canSelect && f.cell) {
    return (
      <Button appearance="subtle" className={classes.item} onClick={props.onSelect} title={props.label} data-testid="finding">
        {content}
      </Button>
    );
  }
  return (
    <div className={classes.item} data-testid="finding">
      {content}
    </div>
  );
}

export function FilterDropdown(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  all: string;
  options: { value: string; text: string }[];
  className: string;
}) {
  const selected = props.value === ALL ? props.all : (props.options.find((o) => o.value === props.value)?.text ?? props.value);
  return (
    <Field label={props.label}>
      <Dropdown
        className={props.className}
        value={selected}
        selectedOptions={[props.value]}
        onOptionSelect={(_e, d) => props.onChange(d.optionValue ?? ALL)}
      >
        <Option value={ALL}>{props.all}</Option>
        {props.options.map((o) => (
          <Option key={o.value} value={o.value}>
            {o.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Sheet → rule → findings, in the report's order. */
export function groupFindings(findings: readonly Finding[]): [string, [string, Finding[]][]][] {
  const bySheet = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    const s = f.sheet ?? '';
    let rules = bySheet.get(s);
    if (!rules) bySheet.set(s, (rules = new Map()));
    let list = rules.get(f.rule);
    if (!list) rules.set(f.rule, (list = []));
    list.push(f);
  }
  return [...bySheet].map(([s, rules]) => [s, [...rules]]);
}
