import { useEffect, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { COLUMN_ROLES, DEFAULT_SCALE, GRADE_METHODS, labelsOf, SettingsSchema, correctionsFor, type ColumnRole, type Settings, type SheetLayout } from '../../core';
import { columnLetter } from '../../core/a1';
import { roleKey } from '../../i18n/taskpane';
import { applyCorrection, usePane } from '../store';
import { regionCorrection, regionKey } from './ReadTables';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { StorageNote } from './StorageNote';
import { fiscalYearLabel } from './CheckScreen';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  thresholds: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  sheet: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  column: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.2fr)', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  columnLabel: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  dropdown: { minWidth: '0', width: '100%' },
  full: { minWidth: '0', width: '100%' },
});

/** Enter submits, except while an IME is composing (Japanese input confirms with Enter). */
export function isSubmitKey(e: KeyboardEvent<HTMLElement>): boolean {
  if (e.key !== 'Enter') return false;
  const native = e.nativeEvent as globalThis.KeyboardEvent;
  return !(native.isComposing || native.keyCode === 229);
}

/** The role the draft's corrections give a column of this table (the sheet's first evaluation table), if any. */
function draftColumn(draft: Settings, layout: SheetLayout, letter: string): { role?: ColumnRole } | undefined {
  const table = { key: regionKey(layout) ?? '', headerRows: layout.headerRows.map((r) => r + 1), first: true };
  return correctionsFor(draft, layout.sheet, table).columns[letter];
}

/** 設定: report year, method, thresholds and per-sheet column roles, saved where StorageNote says. */
export function SettingsScreen() {
  const styles = useStyles();
  const { t, settings, settingsProblems, layouts, actions, report, lang } = usePane();
  // The year the check found, shown in the field while no year is set (and as a hint).
  const detected = report?.reportYear != null ? fiscalYearLabel(report.reportYear, lang) : null;
  const [draft, setDraft] = useState<Settings>(settings);
  const [year, setYear] = useState(settings.reportYear === undefined ? '' : String(settings.reportYear));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(settings);
    setYear(settings.reportYear === undefined ? '' : String(settings.reportYear));
  }, [settings]);

  const method = draft.method;
  const thresholds = draft.thresholds[method];
  // One threshold per level but the last, named by the checked workbook's levels (A–D before a check).
  const levels = labelsOf(report?.scale ?? DEFAULT_SCALE);
  const thresholdLevels = method === 'mean' ? levels.slice(0, -1) : levels.slice(0, Math.max(1, Math.min(levels.length - 1, thresholds.length)));
  const evaluationLayouts = layouts.filter((l) => l.kind === 'evaluation');

  const save = () => {
    const trimmed = year.trim();
    const candidate = { ...draft, reportYear: trimmed === '' ? undefined : /^\d{4}$/.test(trimmed) ? Number(trimmed) : trimmed };
    const parsed = SettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      setError(t('settingsInvalid', { problems: parsed.error.issues.map((i) => i.path.join('.')).join(', ') }));
      return;
    }
    setError(null);
    void actions.saveSettings(parsed.data);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (isSubmitKey(e)) {
      e.preventDefault();
      save();
    }
  };
  const setThreshold = (index: number, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n)) return;
    const shown = method === 'share' ? n / 100 : n;
    // A list that does not fit the levels starts from the even thresholds the engine applies.
    const base = thresholds.length === thresholdLevels.length ? thresholds : thresholdLevels.map((_, i) => thresholds[i] ?? (method === 'mean' ? levels.length - i - 0.5 : 1 - (i + 1) / levels.length));
    const next = base.map((x, i) => (i === index ? shown : x));
    setDraft({ ...draft, thresholds: { ...draft.thresholds, [method]: next } });
  };
  // The same correction 読み取った表 saves, kept in the draft until 保存.
  const setRole = (layout: SheetLayout, col: number, role: ColumnRole, year?: number) => {
    setDraft(applyCorrection(draft, regionCorrection(layout, { column: { letter: columnLetter(col), role, year } })));
  };

  return (
    <section className={styles.section} aria-labelledby="settings-title">
      <Text id="settings-title" as="h2" weight="semibold" size={400}>
        {t('settingsTitle')}
      </Text>
      {settingsProblems.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t('settingsProblems')} {settingsProblems.join('; ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <StorageNote />
      <Field label={t('settingsReportYear')} hint={detected && year.trim() === '' ? t('settingsDetectedYear', { year: detected }) : t('settingsReportYearHint')}>
        <Input
          className={styles.full}
          value={year}
          placeholder={detected ?? undefined}
          onChange={(_e, d) => setYear(d.value)}
          onKeyDown={onKeyDown}
          data-testid="report-year"
        />
      </Field>
      <Field label={t('settingsMethod')}>
        <Dropdown
          className={styles.full}
          value={t(method === 'mean' ? 'method_mean' : 'method_share')}
          selectedOptions={[method]}
          onOptionSelect={(_e, d) => d.optionValue && setDraft({ ...draft, method: d.optionValue as Settings['method'] })}
        >
          {GRADE_METHODS.map((m) => (
            <Option key={m} value={m}>
              {t(m === 'mean' ? 'method_mean' : 'method_share')}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t('settingsThresholds')}>
        <div className={styles.thresholds}>
          {thresholdLevels.map((g, i) => (
            <Field key={`${method}-${i}-${g}`} label={t('thresholdFor', { grade: g })} size="small">
              <Input
                className={styles.full}
                type="number"
                step={method === 'share' ? 1 : 0.1}
                defaultValue={String(method === 'share' ? Math.round((thresholds[i] ?? 0) * 100) : (thresholds[i] ?? levels.length - i - 0.5))}
                contentAfter={method === 'share' ? '%' : undefined}
                onChange={(_e, d) => setThreshold(i, d.value)}
                onKeyDown={onKeyDown}
              />
            </Field>
          ))}
        </div>
      </Field>
      <Text as="h3" weight="semibold">
        {t('settingsColumns')}
      </Text>
      <Text size={200}>{evaluationLayouts.length > 0 ? t('settingsColumnsHint') : t('settingsNoSheets')}</Text>
      {evaluationLayouts.map((layout) => (
        <div key={`${layout.sheet}:${regionKey(layout) ?? ""}`} className={styles.sheet} data-testid="settings-sheet">
          <Text weight="semibold">{layout.sheet}</Text>
          {layout.columns.map((c) => {
            const override = draftColumn(draft, layout, columnLetter(c.col));
            const role = override?.role ?? c.role;
            const changed = Boolean(override) || c.source === 'override';
            return (
              <div key={c.col} className={styles.column}>
                <span className={styles.columnLabel}>
                  {columnLetter(c.col)}: {c.label.replace(/\s+/g, ' ') || '—'}{' '}
                  <Badge size="small" appearance="outline" color={changed ? 'brand' : 'subtle'}>
                    {changed ? t('columnOverride') : t('columnDetected')}
                  </Badge>
                </span>
                <Dropdown
                  className={styles.dropdown}
                  size="small"
                  aria-label={`${layout.sheet} ${columnLetter(c.col)}`}
                  value={t(roleKey(role))}
                  selectedOptions={[role]}
                  onOptionSelect={(_e, d) => d.optionValue && setRole(layout, c.col, d.optionValue as ColumnRole, c.year)}
                >
                  {COLUMN_ROLES.map((r) => (
                    <Option key={r} value={r}>
                      {t(roleKey(r))}
                    </Option>
                  ))}
                </Dropdown>
              </div>
            );
          })}
        </div>
      ))}
      <div>
        <Button appearance="primary" onClick={save}>
          {t('settingsSave')}
        </Button>
      </div>
      <DiagnosticsPanel />
    </section>
  );
}
