import type { DepartmentStatus, StatusOverview } from '../../domain/checklist';
import { say, sayCount, type Lang } from '../../texts';
import { checklistTexts, followUpStatusTexts } from '../../texts/checklist';
import { checklistDialogTexts as t } from '../../texts/checklistDialog';
import { escapeMarkdown } from './markdown';
import { cardTemplate } from './templates';

export interface DepartmentStatusView {
  name: string;
  /** "█████▓▓▓░░░░", monospace: submitted, in progress, not started, proportional. */
  bar: string;
  counts: string;
  overdueHeading?: string;
  overdue?: string;
}

/** One part of a chart: the same status, word and colour in the donut and in every department's bar. */
export interface StatusChartSegment {
  legend: string;
  value: number;
  color: 'good' | 'warning' | 'neutral';
}

/** One bar of Teams' stacked horizontal bar chart (Chart.HorizontalBar.Stacked): a department, or the others. */
export interface DepartmentChartBar {
  title: string;
  data: StatusChartSegment[];
}

/** Data of adaptiveCards/statusOverview.json. */
export interface StatusOverviewCardData {
  title: string;
  today: string;
  totals: string;
  /**
   * The municipality's progress as a Teams donut chart (Chart.Donut); clients without charts show totalBar, its
   * fallback, and everyone reads the figures in `totals`.
   */
  totalBar?: string;
  chartTitle: string;
  chart: StatusChartSegment[];
  legend: string;
  /**
   * Submitted, in progress and not started per department as a Teams stacked bar chart, at most
   * `departmentsCharted` bars. Clients without charts drop it: every department's text bar and figures follow.
   */
  departmentChartTitle: string;
  departmentChart?: DepartmentChartBar[];
  departments: DepartmentStatusView[];
  more?: string;
}

export const statusOverviewCard = cardTemplate<StatusOverviewCardData>('statusOverview.json');

export const statusBarWidth = 20;
/** Teams refuses messages over about 28 KB; the export has every department and system. */
export const departmentsShown = 25;
export const overdueShownPerDepartment = 10;
/**
 * More bars than this no longer read at a glance (and make the card tall): beyond it, the departments with the most
 * systems get a bar each and one bar sums up the others. The text below still lists every department.
 */
export const departmentsCharted = 10;

/**
 * Text bars read at a glance in every Teams client (desktop, web, mobile), including those that do not draw
 * Teams' chart elements, and in the fallback of the donut.
 */
export function statusBar(
  counts: { submitted: number; inProgress: number; total: number },
  width = statusBarWidth,
): string {
  if (counts.total === 0) return '░'.repeat(width);
  const submitted = Math.round((width * counts.submitted) / counts.total);
  const started = Math.round((width * (counts.submitted + counts.inProgress)) / counts.total);
  return '█'.repeat(submitted) + '▓'.repeat(started - submitted) + '░'.repeat(width - started);
}

export function statusOverviewCardData(overview: StatusOverview, lang: Lang): StatusOverviewCardData {
  const shown = overview.departments.slice(0, departmentsShown);
  const hidden = overview.departments.length - shown.length;
  return {
    title: say(lang, t.statusHeading, { year: overview.year }),
    today: say(lang, t.statusToday, { today: overview.today }),
    totals:
      overview.totals.total === 0
        ? say(lang, t.statusNoSystems)
        : say(lang, t.statusTotals, { ...overview.totals }),
    ...(overview.totals.total > 0 ? { totalBar: statusBar(overview.totals) } : {}),
    legend: say(lang, t.statusLegend),
    chartTitle: say(lang, t.statusChartTitle),
    chart: chartSegments(overview.totals, lang),
    ...departmentChart(overview.departments, lang),
    departments: shown.map((department) => {
      const overdueShown = department.overdue.slice(0, overdueShownPerDepartment);
      const overdueHidden = department.overdue.length - overdueShown.length;
      const overdue = overdueShown
        .map((system) =>
          say(lang, t.statusOverdueLine, {
            system: system.systemName,
            status: say(lang, followUpStatusTexts[system.status]).toLowerCase(),
          }),
        )
        .join(', ');
      return {
        name: escapeMarkdown(departmentName(department, lang)),
        bar: statusBar(department),
        counts: say(lang, t.statusCounts, {
          submitted: department.submitted,
          inProgress: department.inProgress,
          notStarted: department.notStarted,
          deadline: department.deadline,
        }),
        ...(department.overdue.length > 0
          ? {
              overdueHeading: say(lang, t.statusOverdueHeading, { count: department.overdue.length }),
              overdue: escapeMarkdown(
                overdueHidden > 0
                  ? `${overdue} ${say(lang, t.statusOverdueMore, { count: overdueHidden })}`
                  : overdue,
              ),
            }
          : {}),
      };
    }),
    ...(hidden > 0
      ? { more: sayCount(lang, hidden, t.statusDepartmentsMoreOne, t.statusDepartmentsMore) }
      : {}),
  };
}

function chartSegments(
  counts: Pick<DepartmentStatus, 'submitted' | 'inProgress' | 'notStarted'>,
  lang: Lang,
): StatusChartSegment[] {
  return [
    { legend: say(lang, followUpStatusTexts.submitted), value: counts.submitted, color: 'good' },
    { legend: say(lang, followUpStatusTexts.inProgress), value: counts.inProgress, color: 'warning' },
    { legend: say(lang, followUpStatusTexts.notStarted), value: counts.notStarted, color: 'neutral' },
  ];
}

function departmentName(department: DepartmentStatus, lang: Lang): string {
  return department.department === '' ? say(lang, checklistTexts.noDepartment) : department.department;
}

/**
 * One bar per department in the overview's order; over `departmentsCharted`, the largest departments (most
 * systems, the earlier one on a tie) keep their bars and the rest share an "Övriga" bar, last. Teams' renderer
 * (as the Agents Playground shows) draws each bar's title but not the chart's, so the others' bar itself says how
 * many departments it holds. Bar titles are plain text, not markdown, so names are not escaped here.
 */
function departmentChart(
  departments: readonly DepartmentStatus[],
  lang: Lang,
): Pick<StatusOverviewCardData, 'departmentChartTitle' | 'departmentChart'> {
  const capped = departments.length > departmentsCharted;
  const charted = capped
    ? new Set(
        departments
          .map((department, index) => ({ department, index }))
          .sort((a, b) => b.department.total - a.department.total || a.index - b.index)
          .slice(0, departmentsCharted - 1)
          .map(({ department }) => department),
      )
    : new Set(departments);
  const bars: DepartmentChartBar[] = departments
    .filter((department) => charted.has(department))
    .map((department) => ({
      title: departmentName(department, lang),
      data: chartSegments(department, lang),
    }));
  const others = departments.filter((department) => !charted.has(department));
  if (others.length > 0) {
    const sum = (key: 'submitted' | 'inProgress' | 'notStarted') =>
      others.reduce((total, department) => total + department[key], 0);
    bars.push({
      title: say(lang, t.statusDepartmentChartOthers, { count: others.length }),
      data: chartSegments(
        { submitted: sum('submitted'), inProgress: sum('inProgress'), notStarted: sum('notStarted') },
        lang,
      ),
    });
  }
  return {
    departmentChartTitle: capped
      ? say(lang, t.statusDepartmentChartTitleCapped, { shown: charted.size, others: others.length })
      : say(lang, t.statusDepartmentChartTitle),
    ...(bars.length > 0 ? { departmentChart: bars } : {}),
  };
}

/** The status as plain text, for notifications and clients without cards. */
export function statusOverviewText(overview: StatusOverview, lang: Lang): string {
  return overview.totals.total === 0
    ? say(lang, t.statusNoSystems)
    : `${say(lang, t.statusHeading, { year: overview.year })}. ${say(lang, t.statusTotals, { ...overview.totals })}`;
}
