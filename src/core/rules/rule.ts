import { a1 } from '../a1';
import type { SheetLayout, SummaryTableLayout } from '../layout/types';
import type { SheetPlan } from '../plan/types';
import type { FindingLocation, Lang, Severity } from '../report';
import type { Correction } from '../corrections';
import type { Settings } from '../settings';

/**
 * The one rule kernel. A rule (a workbook check or a consolidation check alike) is one module:
 * metadata, ESLint-style `messages` keyed by messageId, and `check(context, report)`. Rules
 * report data — a messageId, typed params and where — never sentences: the engine never sees
 * a language, and `describe(finding, lang)` renders the sentence at the edge.
 */

// Where a finding points: one type, declared with Finding (report.ts), which extends it.
export type { FindingLocation };


/** A location as the plan gives it: 0-based row and column. */
export interface GridLocation extends Omit<FindingLocation, 'cell' | 'row'> {
  row: number | null;
  col: number | null;
}

/** The finding location of a plan cell (0-based row/col → A1 and 1-based row). */
export function grid({ row, col, ...rest }: GridLocation): FindingLocation {
  return { ...rest, cell: row !== null && col !== null ? a1(row, col) : null, row: row !== null ? row + 1 : null };
}

/** One message in both languages, from the rule's params. */
export type Message<P> = Record<Lang, (params: P) => string>;

/** messageId → params type, e.g. `{ jump: { program: string; from: Grade; to: Grade } }`. */
export type MessageParams = Record<string, object>;

export type Messages<M extends MessageParams> = { [K in keyof M]: Message<M[K]> };

/** What a rule reports: the params type follows from the messageId. */
export type Report<M extends MessageParams> = <K extends keyof M & string>(problem: { messageId: K; at: FindingLocation; params: M[K] }) => void;

/** What a rule looks at: one workbook (`hyoka check`), the departments' files (`consolidate`), two years (`compare`). */
export const RULE_KINDS = ['check', 'consolidate', 'compare'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface RuleMeta {
  id: string;
  kind: RuleKind;
  /** The rule's severity; a message may be weaker (`messageSeverity`). */
  severity: Severity;
  /** A few words naming the rule: the findings sheets' 種類 column, the pane, `hyoka rules`. */
  title: Record<Lang, string>;
  /** One line for documentation and the settings screen: what it checks. */
  description: Record<Lang, string>;
}

export interface RuleSpec<C, M extends MessageParams> extends RuleMeta {
  messages: Messages<M>;
  /** A message weaker than the rule's severity (program-vanished when nobody can tell). */
  messageSeverity?: Partial<Record<keyof M & string, Severity>>;
  check(context: C, report: Report<M>): void;
}

/** A rule's output: data only. The engine adds the rule id and severity to make a Finding. */
export interface Problem {
  messageId: string;
  params: Record<string, unknown>;
  at: FindingLocation;
}

/** The params-erased face registries, the engine and `describe` use. */
export interface DefinedRule<C> extends RuleMeta {
  /** messageIds this rule can report. */
  messageIds: readonly string[];
  /** The severity of one of its messages: the rule's, unless the message is declared weaker. */
  severityOf(messageId: string): Severity;
  run(context: C): Problem[];
  /** The sentence for one of this rule's problems (throws on an unknown messageId). */
  render(messageId: string, params: Record<string, unknown>, lang: Lang): string;
}

/** Keeps each rule's params tied to its messages, and gives every rule the same face. */
export function defineRule<C, M extends MessageParams>(spec: RuleSpec<C, M>): DefinedRule<C> & { spec: RuleSpec<C, M> } {
  const messageIds = Object.keys(spec.messages);
  const weaker = (spec.messageSeverity ?? {}) as Partial<Record<string, Severity>>;
  return {
    id: spec.id,
    kind: spec.kind,
    severity: spec.severity,
    title: spec.title,
    description: spec.description,
    messageIds,
    severityOf: (messageId) => weaker[messageId] ?? spec.severity,
    spec,
    run(context) {
      const out: Problem[] = [];
      spec.check(context, ({ messageId, at, params }) => {
        out.push({ messageId, params: params as Record<string, unknown>, at });
      });
      return out;
    },
    render(messageId, params, lang) {
      const message = (spec.messages as Record<string, Message<Record<string, unknown>> | undefined>)[messageId];
      if (!message) throw new Error(`rule ${spec.id} has no message ${messageId}`);
      return message[lang](params);
    },
  };
}

/** Rule ids are what settings and profiles name: two rules with one id is a bug caught at load. */
export function uniqueRules<R extends RuleMeta>(rules: readonly R[]): readonly R[] {
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw new Error(`duplicate rule id: ${r.id}`);
    seen.add(r.id);
  }
  return rules;
}

/** What the workbook-check rules read: the plan of every evaluation sheet, and the layouts. */
export interface RuleContext {
  plans: readonly SheetPlan[];
  layouts: readonly SheetLayout[];
  /** Which evaluation sheet each 評価総括表 summarises (null: could not tell), from the plan stage. */
  summarySources: ReadonlyMap<SummaryTableLayout, SheetPlan | null>;
  /** Western fiscal year being reported, when known. */
  reportYear: number | null;
  /** Where the report year came from (layout-uncertain says when it was only inferred). */
  reportYearSource?: 'setting' | 'title' | 'sheet-name' | 'file-name' | 'year-columns' | 'previous-sheet' | null;
  /** The years the workbook's tables carry (years.ts `yearsCarried`), last year's sheets included (absent: none). */
  yearsCarried?: readonly number[];
  settings: Settings;
  /** Names of the sheets not checked because they are hidden (absent: none). */
  hiddenSheets?: readonly string[];
  /** Names of the sheets the workbook lists but the file lacks (absent: none). */
  unreadableSheets?: readonly string[];
  /** Visible example sheets (記入例, （例）) never read as a report (absent: none). */
  exampleSheets?: readonly string[];
  /** Hidden sheets read because no visible one holds the evaluation table (absent: none). */
  hiddenSheetsRead?: readonly string[];
  /** Cell annotations the adapter could not read (snapshot.notesUnread; absent: all read). */
  notesUnread?: readonly ('notes' | 'comments')[];
  /** settings.corrections that matched no sheet or table read (absent: none). */
  unmatchedCorrections?: readonly Correction[];
}

export type CheckRule = DefinedRule<RuleContext>;
