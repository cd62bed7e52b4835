import { useEffect, useState, type KeyboardEvent } from 'react';
import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DEFAULT_SCALE, GRADE_METHODS, labelsOf, SettingsSchema, type Settings } from '../../core';
import { EXPLAIN_MESSAGES } from '../../i18n/explain';
import { usePane } from '../store';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { StorageNote } from './StorageNote';
import { fiscalYearLabel } from './CheckScreen';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  thresholds: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  corrections: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, paddingLeft: tokens.spacingHorizontalL },
  correction: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  full: { minWidth: '0', width: '100%' },
});

/** Enter submits, except while an IME is composing (Japanese input confirms with Enter). */
export function isSubmitKey(e: KeyboardEvent<HTMLElement>): boolean {
  if (e.key !== 'Enter') return false;
  const native = e.nativeEvent as globalThis.KeyboardEvent;
  return !(native.isComposing || native.keyCode === 229);
}

/**
 * 設定: report year, method and thresholds, saved where StorageNote says. Corrections to the
 * reading are made in one place, 読み取った表 on the 点検 screen; here they are listed, read-only,
 * with the same labels, and a button goes there.
 */
export function SettingsScreen() {
  const styles = useStyles();
  const { t, settings, settingsProblems, actions, report, lang } = usePane();
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
  const toReadTables = () => {
    actions.setTab('check');
    // After the 点検 screen has rendered: bring 読み取った表 into view.
    setTimeout(() => document.getElementById('read-tables-title')?.scrollIntoView?.({ block: 'start' }), 0);
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
        {t('settingsCorrections')}
      </Text>
      <Text size={200}>{t('settingsCorrectionsHint')}</Text>
      {settings.corrections.length === 0 ? (
        <Text size={200} data-testid="settings-no-corrections">
          {t('settingsNoCorrections')}
        </Text>
      ) : (
        <ul className={styles.corrections}>
          {settings.corrections.map((c, i) => (
            <li key={i} className={styles.correction} data-testid="settings-correction">
              {EXPLAIN_MESSAGES[lang].pane.correction(c)}
            </li>
          ))}
        </ul>
      )}
      {report && (
        <div>
          <Button size="small" onClick={toReadTables} data-testid="to-read-tables">
            {t('settingsToReadTables')}
          </Button>
        </div>
      )}
      <div>
        <Button appearance="primary" onClick={save}>
          {t('settingsSave')}
        </Button>
      </div>
      <DiagnosticsPanel />
    </section>
  );
}
