import { useState } from 'react';
import { Badge, Button, Dropdown, Input, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { COLUMN_ROLES, type ColumnRole, type Settings, type SheetLayout } from '../../core';
import { columnLetter } from '../../core/a1';
import { formatFiscalYear } from '../../core/years';
import { EXPLAIN_MESSAGES } from '../../i18n/explain';
import { usePane } from '../store';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  region: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  column: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.1fr)', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  why: { gridColumn: '1 / span 2', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  label: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  headerRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  narrow: { width: '5em' },
  dropdown: { minWidth: '0', width: '100%' },
});

/** 1-based last header row of a region (the row just above its data when it has none). */
const lastHeaderRow = (layout: SheetLayout): number => (layout.headerRows[layout.headerRows.length - 1] ?? layout.firstDataRow - 1) + 1;

/**
 * The key a region's corrections are saved under: its 1-based first header row as detection
 * found it — kept when a correction (which names the last header row) has moved it since.
 */
export function regionKey(settings: Settings, layout: SheetLayout): string {
  const regions = settings.sheets[layout.sheet]?.regions ?? {};
  for (const [key, r] of Object.entries(regions)) if (r.headerRow === lastHeaderRow(layout)) return key;
  return String((layout.headerRows[0] ?? layout.firstDataRow - 1) + 1);
}

/** A correction of one region, as the settings store it: sheet › region (by header row) › column. */
export function correctRegion(
  settings: Settings,
  layout: SheetLayout,
  change: { column: { letter: string; role: ColumnRole; year?: number } } | { headerRow: number },
): Settings {
  const key = regionKey(settings, layout);
  const sheet = settings.sheets[layout.sheet] ?? {};
  const region = sheet.regions?.[key] ?? {};
  const next =
    'headerRow' in change
      ? { ...region, headerRow: change.headerRow }
      : {
          ...region,
          columns: {
            ...(region.columns ?? {}),
            [change.column.letter]: change.column.year === undefined ? { role: change.column.role } : { role: change.column.role, year: change.column.year },
          },
        };
  return { ...settings, sheets: { ...settings.sheets, [layout.sheet]: { ...sheet, regions: { ...(sheet.regions ?? {}), [key]: next } } } };
}

/**
 * 読み取った表: what the check read on each sheet — tables, header rows, each column's role and
 * why — and the two corrections a person needs: a column's role (pick it from the list) and a
 * table's header row. Each correction is saved in the workbook's settings and the check reruns.
 */
export function ReadTables() {
  const styles = useStyles();
  const { lang, report, layouts, settings, actions, phase } = usePane();
  const m = EXPLAIN_MESSAGES[lang];
  const shown = layouts.filter((l) => l.kind !== 'other' && l.columns.length > 0);
  if (!report || shown.length === 0) return null;
  const busy = phase !== 'idle';
  const indexInSheet = (l: SheetLayout): number => layouts.filter((x) => x.sheet === l.sheet && x.kind !== 'other').indexOf(l) + 1;
  const save = (next: Settings): void => void actions.saveSettings(next);

  return (
    <section className={styles.section} aria-labelledby="read-tables-title" data-testid="read-tables">
      <Text id="read-tables-title" as="h3" weight="semibold">
        {m.pane.title}
      </Text>
      {report.reportYear !== null && report.reportYearSource && <Text size={200}>{m.pane.yearSource(m.source[report.reportYearSource])}</Text>}
      <Text size={200}>{m.pane.hint}</Text>
      {shown.map((l) => (
        <RegionView key={`${l.sheet}:${l.headerRows.join(',')}:${l.firstDataRow}`} layout={l} n={indexInSheet(l)} busy={busy} settings={settings} onSave={save} />
      ))}
    </section>
  );
}

function RegionView({ layout, n, busy, settings, onSave }: { layout: SheetLayout; n: number; busy: boolean; settings: Settings; onSave: (s: Settings) => void }) {
  const styles = useStyles();
  const { lang } = usePane();
  const m = EXPLAIN_MESSAGES[lang];
  const [headerRow, setHeaderRow] = useState(String(lastHeaderRow(layout)));
  const wanted = Number(headerRow);
  const validRow = Number.isInteger(wanted) && wanted >= 1;
  return (
    <div className={styles.region} data-testid="read-region">
      <Text weight="semibold" size={200}>
        {m.pane.region(layout.sheet, n, m.kind[layout.kind], layout.firstDataRow + 1, layout.lastDataRow + 1)}
      </Text>
      <div className={styles.headerRow}>
        <Text size={200}>{m.pane.headerRow}</Text>
        <Input className={styles.narrow} size="small" type="number" min={1} value={headerRow} aria-label={m.pane.headerRowOf(layout.sheet, n)} onChange={(_e, d) => setHeaderRow(d.value)} />
        <Button size="small" disabled={busy || !validRow} onClick={() => onSave(correctRegion(settings, layout, { headerRow: wanted }))}>
          {m.pane.apply}
        </Button>
      </div>
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
                if (role && role !== c.role) onSave(correctRegion(settings, layout, { column: { letter, role, year: c.year } }));
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
