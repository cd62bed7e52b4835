import { useState } from 'react';
import { Badge, Button, Dropdown, Input, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { COLUMN_ROLES, DEFAULT_SCALE, ROW_ROLES, TABLE_KINDS, tableKey, type ColumnRole, type Correction, type RowRole, type SheetLayout, type TableKind } from '../../core';
import { columnLetter } from '../../core/a1';
import { formatFiscalYear } from '../../core/years';
import { EXPLAIN_MESSAGES, readingFacts } from '../../i18n/explain';
import { usePane } from '../store';
import { StorageNote } from './StorageNote';
import { describe } from '../../render/describe';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  region: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  column: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.1fr)', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  why: { gridColumn: '1 / span 2', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  label: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  headerRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // A correction with a longer label (評価の段階, 行の役割): the label on its own line, the fields
  // below, wrapping at 320 px rather than squeezing the button into three lines.
  control: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, alignItems: 'center' },
  controlLabel: { flexBasis: '100%' },
  grow: { flexGrow: 1, minWidth: '6em' },
  narrow: { width: '5em' },
  dropdown: { minWidth: '0', width: '100%' },
});

/** Rows whose evidence the pane lists (a sheet of a thousand footnotes stays a short list). */
const EVIDENCE_ROWS_SHOWN = 50;

/** 1-based last header row of a region (the row just above its data when it has none). */
const lastHeaderRow = (layout: SheetLayout): number => (layout.headerRows[layout.headerRows.length - 1] ?? layout.firstDataRow - 1) + 1;

/** A sheet that looks like a table yet was read as none (its `no-header` doubt). */
const unreadTable = (layout: SheetLayout): boolean => layout.kind === 'other' && layout.uncertainties.some((u) => u.kind === 'no-header');

/**
 * The key a table's corrections are saved under (Correction.table): the A1 of its top-left
 * header cell as detection found it before any correction, so it stays the same after a
 * correction has moved the header row. A hand-made layout without one is named by its header.
 */
export function regionKey(layout: SheetLayout): string | undefined {
  if (layout.tableKey !== undefined) return layout.tableKey;
  const top = layout.headerRows[0];
  return top !== undefined ? tableKey(top, layout.firstCol) : undefined;
}

/** A correction of one table as settings.corrections stores it: sheet › table (by key) › column, or the header row. */
export function regionCorrection(
  layout: SheetLayout,
  change: { column: { letter: string; role: ColumnRole; year?: number } } | { headerRow: number } | { kind: TableKind } | { scale: string[] } | { row: number; rowRole: RowRole },
): Correction {
  const table = regionKey(layout);
  const at = { sheet: layout.sheet, ...(table !== undefined ? { table } : {}) };
  if ('headerRow' in change) return { ...at, headerRow: change.headerRow };
  if ('kind' in change) return { ...at, kind: change.kind };
  if ('scale' in change) return { ...at, scale: { levels: change.scale } };
  if ('rowRole' in change) return { ...at, row: change.row, rowRole: change.rowRole };
  const { letter, role, year } = change.column;
  return { ...at, column: letter, role, ...(year !== undefined ? { year } : {}) };
}

/**
 * 読み取った表: what the check read on each sheet — tables, header rows, each column's role and
 * why — and the two corrections a person needs: a column's role (pick it from the list) and a
 * table's header row. Each correction is saved (where StorageNote says) and the check reruns.
 */
export function ReadTables() {
  const styles = useStyles();
  const { lang, report, layouts, actions, phase } = usePane();
  const m = EXPLAIN_MESSAGES[lang];
  // The tables read, and the sheets that look like a table but were not read (no header found,
  // or not taken for an evaluation table): a person corrects those here too — header row, kind,
  // then the columns — or nothing in the pane could make them read.
  const shown = layouts.filter((l) => (l.kind !== 'other' && l.columns.length > 0) || unreadTable(l));
  if (!report || shown.length === 0) return null;
  const busy = phase !== 'idle';
  const indexInSheet = (l: SheetLayout): number => layouts.filter((x) => x.sheet === l.sheet && (x.kind !== 'other' || unreadTable(x))).indexOf(l) + 1;
  const save = (c: Correction): void => void actions.correct(c);
  // Saved corrections that matched no table: said here, beside the tables they were meant for.
  const unmatched = report.findings.filter((f) => f.rule === 'correction-unmatched');

  return (
    <section className={styles.section} aria-labelledby="read-tables-title" data-testid="read-tables">
      <Text id="read-tables-title" as="h3" weight="semibold">
        {m.pane.title}
      </Text>
      {report.reportYear !== null && report.reportYearSource && <Text size={200}>{m.pane.yearSource(m.source[report.reportYearSource])}</Text>}
      <Text size={200}>{m.pane.hint}</Text>
      <StorageNote />
      {unmatched.map((f, i) => (
        <Text key={`unmatched-${i}`} size={200} data-testid="correction-unmatched">
          ! {describe(f, lang)}
        </Text>
      ))}
      {shown.map((l) => (
        <RegionView key={`${l.sheet}:${l.headerRows.join(',')}:${l.firstDataRow}`} layout={l} n={indexInSheet(l)} busy={busy} onSave={save} />
      ))}
    </section>
  );
}

function RegionView({ layout, n, busy, onSave }: { layout: SheetLayout; n: number; busy: boolean; onSave: (c: Correction) => void }) {
  const styles = useStyles();
  const { lang } = usePane();
  const m = EXPLAIN_MESSAGES[lang];
  // No header found: the field starts empty rather than at a row nobody chose.
  const [headerRow, setHeaderRow] = useState(layout.headerRows.length > 0 ? String(lastHeaderRow(layout)) : '');
  const wanted = Number(headerRow);
  const validRow = Number.isInteger(wanted) && wanted >= 1;
  const graded = layout.kind === 'evaluation' && layout.columns.some((c) => c.role === 'grade' || c.role === 'previousGrade');
  const shownScale = layout.scale ?? DEFAULT_SCALE;
  const [levels, setLevels] = useState(shownScale.levels.map((l) => l.label).join(','));
  // Labels best first, separated by commas, 、 or spaces (two to ten of them, each once).
  const wantedLevels = [...new Set(levels.split(/[,、，\s/・]+/).map((x) => x.trim()).filter((x) => x !== ''))];
  const validLevels = wantedLevels.length >= 2 && wantedLevels.length <= 10;
  return (
    <div className={styles.region} data-testid="read-region">
      <Text weight="semibold" size={200}>
        {m.pane.region(layout.sheet, n, m.kind[layout.kind], layout.firstDataRow + 1, layout.lastDataRow + 1, regionKey(layout))}
      </Text>
      <div className={styles.headerRow}>
        <Text size={200}>{m.pane.headerRow}</Text>
        <Input className={styles.narrow} size="small" type="number" min={1} value={headerRow} aria-label={m.pane.headerRowOf(layout.sheet, n)} onChange={(_e, d) => setHeaderRow(d.value)} />
        <Button size="small" disabled={busy || !validRow} onClick={() => onSave(regionCorrection(layout, { headerRow: wanted }))}>
          {m.pane.apply}
        </Button>
      </div>
      <div className={styles.headerRow}>
        <Dropdown
          className={styles.dropdown}
          size="small"
          disabled={busy}
          aria-label={m.pane.kindOf(layout.sheet, n)}
          value={m.kind[layout.kind]}
          selectedOptions={[layout.kind]}
          onOptionSelect={(_e, d) => {
            const kind = d.optionValue as TableKind | undefined;
            if (kind && kind !== layout.kind) onSave(regionCorrection(layout, { kind }));
          }}
        >
          {TABLE_KINDS.map((k) => (
            <Option key={k} value={k}>
              {m.kind[k]}
            </Option>
          ))}
        </Dropdown>
      </div>
      {readingFacts(layout, lang).map((f, i) => (
        <Text key={`reading-${i}`} size={200} data-testid={`read-${f.kind}`}>
          {f.text.trim()}
        </Text>
      ))}
      {(layout.rowRoles?.length ?? 0) > 0 && (
        <details data-testid="read-row-evidence">
          <summary className={styles.why}>{m.rowEvidenceTitle(layout.rowRoles!.length)}</summary>
          {layout.rowRoles!.slice(0, EVIDENCE_ROWS_SHOWN).map((mark) => (
            <div key={mark.row} className={styles.why}>
              {mark.evidence.map((e) => m.rowEvidence(mark.row + 1, mark.role, e)).join(m.and)}
            </div>
          ))}
        </details>
      )}
      {layout.kind === 'evaluation' && <RowRoleControl layout={layout} n={n} busy={busy} onSave={onSave} />}
      {graded && (
        <>
          <Text size={200} data-testid="read-scale">
            {m.scale(shownScale).trim()}
          </Text>
          <div className={styles.control}>
            <Text size={200} className={styles.controlLabel}>
              {m.pane.scaleLevels}
            </Text>
            <Input className={styles.grow} size="small" value={levels} aria-label={m.pane.scaleOf(layout.sheet, n)} onChange={(_e, d) => setLevels(d.value)} />
            <Button size="small" disabled={busy || !validLevels} onClick={() => onSave(regionCorrection(layout, { scale: wantedLevels }))}>
              {m.pane.applyScale}
            </Button>
          </div>
        </>
      )}
      {layout.hiddenRowsSkipped > 0 && <Text size={200}>{m.hiddenRows(layout.hiddenRowsSkipped).trim()}</Text>}
      {layout.uncertain && <Text size={200}>{m.uncertain.trim()}</Text>}
      {layout.uncertainties.map((u, i) => (
        <Text key={i} size={200}>
          ! {m.uncertainty(u)}
        </Text>
      ))}
      {layout.columns.map((c) => {
        const letter = columnLetter(c.col);
        const why = c.source === 'override' ? [m.override] : (c.evidence ?? []).map((e) => m.evidence(e, lang));
        if (c.hidden) why.push(m.hiddenColumn);
        if (c.role === 'grade' || c.role === 'previousGrade') why.push(m.encoding(c));
        return (
          <div key={c.col} className={styles.column} data-testid="read-column">
            <span className={styles.label}>
              {letter}: {c.label.replace(/\s+/g, ' ') || m.noLabel}
              {c.year !== undefined ? ` ${formatFiscalYear(c.year, lang)}` : ''}{' '}
              {c.source === 'override' && (
                <Badge size="small" appearance="outline" color="brand">
                  {m.pane.corrected}
                </Badge>
              )}
            </span>
            <Dropdown
              className={styles.dropdown}
              size="small"
              disabled={busy}
              aria-label={m.pane.roleOf(layout.sheet, n, letter)}
              value={m.role[c.role]}
              selectedOptions={[c.role]}
              onOptionSelect={(_e, d) => {
                const role = d.optionValue as ColumnRole | undefined;
                if (role && role !== c.role) onSave(regionCorrection(layout, { column: { letter, role, year: c.year } }));
              }}
            >
              {COLUMN_ROLES.map((r) => (
                <Option key={r} value={r}>
                  {m.role[r]}
                </Option>
              ))}
            </Dropdown>
            {why.length > 0 && <span className={styles.why}>{why.join(m.and)}</span>}
          </div>
        );
      })}
    </div>
  );
}

/**
 * A row read in the wrong role (a program taken for a heading, a 記入例 read as a program): its
 * 1-based row and the role it has. Saved as a correction like a column's role.
 */
function RowRoleControl({ layout, n, busy, onSave }: { layout: SheetLayout; n: number; busy: boolean; onSave: (c: Correction) => void }) {
  const styles = useStyles();
  const { lang } = usePane();
  const m = EXPLAIN_MESSAGES[lang];
  const [row, setRow] = useState('');
  const [role, setRole] = useState<RowRole>('data');
  const wanted = Number(row);
  // A row of this table's data (its header rows are corrected as the header row).
  const valid = Number.isInteger(wanted) && wanted > lastHeaderRow(layout) && wanted <= layout.lastDataRow + 1;
  return (
    <div className={styles.control} data-testid="row-role-control">
      <Text size={200} className={styles.controlLabel}>
        {m.pane.rowRole}
      </Text>
      <Input className={styles.narrow} size="small" type="number" min={1} value={row} aria-label={m.pane.rowOf(layout.sheet, n)} onChange={(_e, d) => setRow(d.value)} />
      <Dropdown
        className={styles.grow}
        size="small"
        disabled={busy}
        aria-label={m.pane.rowRoleOf(layout.sheet, n)}
        value={m.pane.rowRoles[role]}
        selectedOptions={[role]}
        onOptionSelect={(_e, d) => d.optionValue && setRole(d.optionValue as RowRole)}
      >
        {ROW_ROLES.map((r) => (
          <Option key={r} value={r}>
            {m.pane.rowRoles[r]}
          </Option>
        ))}
      </Dropdown>
      <Button size="small" disabled={busy || !valid} onClick={() => onSave(regionCorrection(layout, { row: wanted, rowRole: role }))}>
        {m.pane.applyRowRole}
      </Button>
    </div>
  );
}
