import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  ProgressBar,
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
import { countBySeverity, type ConsolidatedFile, type ConsolidatedFinding, type Severity } from '../../core';
import type { PickedFile } from '../../excel/picked-files';
import { severityKey, type MessageKey } from '../../i18n/taskpane';
import { usePane } from '../store';
import { SEVERITIES, SEVERITY_BADGE, fiscalYearLabel } from './CheckScreen';
import { ALL, FilterDropdown, FindingItem, useFindingStyles } from './FindingsScreen';
import { DropZone } from './DropZone';
import { isSubmitKey } from './SettingsScreen';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hidden: { display: 'none' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  picked: { listStyleType: 'none', margin: 0, padding: 0, width: '100%', maxHeight: '9.5em', overflowY: 'auto', fontSize: tokens.fontSizeBase200 },
  pickedItem: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  pickedName: { overflowWrap: 'anywhere', minWidth: 0 },
  full: { minWidth: '0', width: '100%' },
  table: { tableLayout: 'fixed', width: '100%', backgroundColor: tokens.colorNeutralBackground1 },
  fileCol: { width: '46%' },
  statusCol: { width: '26%' },
  stack: { display: 'flex', flexDirection: 'column', paddingTop: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalXXS, minWidth: 0 },
  name: { overflowWrap: 'anywhere', whiteSpace: 'normal' },
  count: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  countError: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  muted: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: tokens.spacingHorizontalS },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

const STATUS_BADGE = { ok: 'success', unreadable: 'danger', 'wrong-year': 'danger' } as const;

/** 取りまとめ: many department workbooks in, one checked, merged result out (sheets or a download). */
export function ConsolidateScreen() {
  const styles = useStyles();
  const { t, actions, consolidation: c, host, port, phase } = usePane();
  const filesInput = useRef<HTMLInputElement>(null);
  const masterInput = useRef<HTMLInputElement>(null);
  const live = host === 'excel' && port?.kind === 'live';

  useEffect(() => {
    if (live) void actions.findWorkbookMaster();
  }, [live, actions]);

  const add = (list: FileList | null | undefined) => {
    if (list && list.length > 0) actions.addConsolidationFiles(Array.from(list) as PickedFile[]);
  };
  const onYearKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (isSubmitKey(e)) {
      e.preventDefault();
      void actions.runConsolidation();
    }
  };
  const progress = c.progress;
  const progressText = progress
    ? `${t('consolidateProgress', { done: progress.done, total: progress.total })}${progress.file && progress.done < progress.total ? ` — ${t('consolidateReading', { file: progress.file })}` : ''}`
    : t('consolidateMasterReading');

  return (
    <section className={styles.section} aria-labelledby="consolidate-title">
      <Text id="consolidate-title" as="h2" weight="semibold" size={400}>
        {t('tabConsolidate')}
      </Text>
      <Text>{t('consolidateIntro')}</Text>

      <DropZone label={t('consolidateFiles')} testId="consolidate-drop" onFiles={add}>
        <Text weight="semibold">{t('consolidateFiles')}</Text>
        <Text size={200}>{t('consolidateDrop')}</Text>
        <input
          ref={filesInput}
          className={styles.hidden}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="consolidate-files"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        <div className={styles.row}>
          <Button disabled={c.running} onClick={() => filesInput.current?.click()}>
            {t('consolidateChoose')}
          </Button>
          {c.files.length > 0 && (
            <Button appearance="subtle" disabled={c.running} onClick={() => actions.clearConsolidationFiles()}>
              {t('consolidateClear')}
            </Button>
          )}
        </div>
        {c.files.length > 0 && (
          <>
            <Text size={200} weight="semibold" data-testid="consolidate-selected">
              {t('consolidateSelected', { count: c.files.length })}
            </Text>
            <ul className={styles.picked}>
              {c.files.map((f) => (
                <li key={f.name} className={styles.pickedItem}>
                  <span className={styles.pickedName}>{f.name}</span>
                  <Button
                    size="small"
                    appearance="transparent"
                    disabled={c.running}
                    aria-label={t('consolidateRemove', { name: f.name })}
                    onClick={() => actions.removeConsolidationFile(f.name)}
                  >
                    ×
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
      </DropZone>

      {/* Not a Field: a Field would name the checkbox after its own label. */}
      <div className={styles.stack} role="group" aria-labelledby="consolidate-master-label">
        <Text id="consolidate-master-label" weight="semibold">
          {t('consolidateMaster')}
        </Text>
        <Text size={200} className={styles.muted}>
          {t('consolidateMasterHint')}
        </Text>
        <div className={styles.stack}>
          {live && c.workbookMaster && !c.masterFile && (
            <Checkbox
              checked={c.useWorkbookMaster}
              onChange={(_e, d) => actions.setUseWorkbookMaster(d.checked === true)}
              label={t('consolidateMasterWorkbook', { sheet: c.workbookMaster })}
            />
          )}
          <input
            ref={masterInput}
            className={styles.hidden}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="consolidate-master"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) actions.setMasterFile(file);
              e.target.value = '';
            }}
          />
          {c.masterFile ? (
            <div className={styles.row}>
              <Text size={200} data-testid="consolidate-master-name" className={styles.name}>
                {t('consolidateMasterFile', { name: c.masterFile.name })}
              </Text>
              <Button size="small" appearance="subtle" disabled={c.running} onClick={() => actions.setMasterFile(null)}>
                {t('consolidateMasterClear')}
              </Button>
            </div>
          ) : (
            <div>
              <Button size="small" disabled={c.running} onClick={() => masterInput.current?.click()}>
                {t('consolidateMasterChoose')}
              </Button>
            </div>
          )}
        </div>
      </div>

      <Field label={t('consolidateYear')} hint={t('consolidateYearHint')}>
        <Input
          className={styles.full}
          value={c.year}
          disabled={c.running}
          onChange={(_e, d) => actions.setConsolidationYear(d.value)}
          onKeyDown={onYearKey}
          data-testid="consolidate-year"
        />
      </Field>

      <div className={styles.row}>
        <Button appearance="primary" disabled={c.running || phase !== 'idle' || c.files.length === 0} onClick={() => void actions.runConsolidation()}>
          {c.result ? t('consolidateRerun') : t('consolidateRun')}
        </Button>
        {c.running && <Button onClick={() => actions.cancelConsolidation()}>{t('consolidateCancel')}</Button>}
      </div>
      {c.running && (
        <Field validationMessage={progressText} validationState="none">
          <ProgressBar
            value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
            max={1}
            aria-label={progressText}
            data-testid="consolidate-progress"
          />
        </Field>
      )}

      {c.result && !c.running && <ConsolidationResultView />}
    </section>
  );
}

function ConsolidationResultView() {
  const styles = useStyles();
  const { t, actions, consolidation: c, host, port, phase, lang } = usePane();
  const live = host === 'excel' && port?.kind === 'live';
  const result = c.result;
  if (!result) return null;
  const counts = countBySeverity(result.findings);
  const missing = result.submissions.filter((s) => s.expected && s.state === 'missing').map((s) => s.department);
  return (
    <section className={styles.section} aria-labelledby="consolidate-result" data-testid="consolidate-result">
      <Text id="consolidate-result" as="h3" weight="semibold" size={400}>
        {t('consolidateResult')}
      </Text>
      <Text data-testid="consolidate-totals">
        {t('consolidateTotals', {
          year: result.reportYear !== null ? fiscalYearLabel(result.reportYear, lang) : '—',
          files: result.files.length.toLocaleString(lang),
          rows: result.rows.length.toLocaleString(lang),
        })}
      </Text>
      <div className={styles.row}>
        {SEVERITIES.map((s) => (
          <Badge key={s} appearance="tint" color={SEVERITY_BADGE[s]} data-testid={`consolidate-count-${s}`}>
            {t(severityKey(s))} {counts[s].toLocaleString(lang)}
          </Badge>
        ))}
      </div>
      {missing.length > 0 && <Text data-testid="consolidate-missing">{t('consolidateMissing', { departments: missing.join('、') })}</Text>}
      <div>
        <Button appearance="primary" disabled={phase !== 'idle'} onClick={() => void actions.saveConsolidation()}>
          {live ? t('consolidateWrite') : t('consolidateDownload')}
        </Button>
      </div>
      <FilesTable files={result.files} />
      <ConsolidatedFindings findings={result.findings} masterName={c.masterName} />
    </section>
  );
}

function FilesTable({ files }: { files: readonly ConsolidatedFile[] }) {
  const styles = useStyles();
  const { t } = usePane();
  return (
    <Table size="extra-small" className={styles.table} aria-label={t('consolidateFilesTitle')} data-testid="consolidate-files-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.fileCol}>{t('colFile')}</TableHeaderCell>
          <TableHeaderCell className={styles.statusCol}>{t('colStatus')}</TableHeaderCell>
          <TableHeaderCell>{t('colFindings')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {files.map((f) => (
          <TableRow key={f.file} data-testid="consolidate-file-row">
            <TableCell>
              <div className={styles.stack}>
                <span className={styles.name}>{f.file}</span>
                {/* The 担当課 only where the file name does not already say it (03_回答.xlsx). */}
                {f.department && !f.file.startsWith(f.department) && <span className={styles.muted}>{f.department}</span>}
              </div>
            </TableCell>
            <TableCell>
              <Badge appearance="tint" size="small" color={STATUS_BADGE[f.status]} data-testid="file-status">
                {t(`fileStatus_${f.status}` as MessageKey)}
              </Badge>
            </TableCell>
            <TableCell>
              <div className={styles.stack}>
                <span className={f.errors > 0 ? styles.countError : styles.count}>{t('fileErrors', { count: f.errors })}</span>
                <span className={styles.count}>{t('fileWarnings', { count: f.warnings })}</span>
                {f.status === 'ok' && <span className={styles.count}>{t('fileRows', { rows: f.rows })}</span>}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ConsolidatedFindings({ findings, masterName }: { findings: readonly ConsolidatedFinding[]; masterName: string | null }) {
  const styles = useStyles();
  const fs = useFindingStyles();
  const { t, actions, consolidation: c, host, port, lang } = usePane();
  const live = host === 'excel' && port?.kind === 'live';
  const [severity, setSeverity] = useState<string>(ALL);
  const [file, setFile] = useState<string>(ALL);
  const fileLabel = (f: string | null) => (f === null ? (c.result?.master && masterName === null ? t('openWorkbookMaster') : t('runLevel')) : f);
  const fileKey = (f: ConsolidatedFinding) => f.file ?? '';
  const fileOptions = useMemo(() => [...new Set(findings.map(fileKey))], [findings]);
  const shown = findings.filter((f) => (severity === ALL || f.severity === severity) && (file === ALL || fileKey(f) === file));
  const groups = groupByFile(shown);
  // Only the open workbook's cells can be selected: the department files are not open in Excel.
  const canSelect = (f: ConsolidatedFinding) => Boolean(port?.selectCell) && live && f.file === null && Boolean(f.cell);
  return (
    <section className={styles.section} aria-labelledby="consolidate-findings">
      <Text id="consolidate-findings" as="h3" weight="semibold">
        {t('consolidateFindingsTitle')}
      </Text>
      <div className={styles.filters}>
        <FilterDropdown label={t('filterSeverity')} value={severity} onChange={setSeverity} all={t('filterAll')} className={fs.dropdown}
          options={SEVERITIES.map((s: Severity) => ({ value: s, text: t(severityKey(s)) }))} />
        <FilterDropdown label={t('filterFile')} value={file} onChange={setFile} all={t('filterAll')} className={fs.dropdown}
          options={fileOptions.map((f) => ({ value: f, text: fileLabel(f === '' ? null : f) }))} />
      </div>
      <Text size={200} aria-live="polite">
        {t('findingsShown', { shown: shown.length, total: findings.length })}
      </Text>
      {findings.length === 0 && <Text>{t('noFindings')}</Text>}
      {groups.map(([name, items]) => (
        <div key={name ?? ''} className={styles.group} data-testid="consolidate-finding-file">
          <Text as="h4" weight="semibold">
            {fileLabel(name)}
          </Text>
          <ul className={styles.list}>
            {items.map((f, i) => (
              <li key={`${f.rule}-${f.sheet ?? ''}-${f.cell ?? ''}-${i}`} data-rule={f.rule}>
                <FindingItem
                  finding={f}
                  lang={lang}
                  canSelect={canSelect(f)}
                  onSelect={() => void actions.selectFinding(f)}
                  label={f.cell ? t('findingCellLive', { cell: f.cell }) : t('findingNoCell')}
                  severityText={t(severityKey(f.severity))}
                  classes={fs}
                  source={[fileLabel(f.file), f.sheet].filter(Boolean).join(' · ')}
                />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Findings grouped by file, in the run's order (inputs, then the master's). */
function groupByFile(findings: readonly ConsolidatedFinding[]): [string | null, ConsolidatedFinding[]][] {
  const groups = new Map<string | null, ConsolidatedFinding[]>();
  for (const f of findings) {
    let list = groups.get(f.file);
    if (!list) groups.set(f.file, (list = []));
    list.push(f);
  }
  return [...groups];
}
