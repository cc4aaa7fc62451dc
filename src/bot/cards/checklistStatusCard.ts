import type { StatusOverview } from '../../domain/checklist';
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
  chart: { legend: string; value: number; color: 'good' | 'warning' | 'neutral' }[];
  legend: string;
  departments: DepartmentStatusView[];
  more?: string;
}

export const statusOverviewCard = cardTemplate<StatusOverviewCardData>('statusOverview.json');

export const statusBarWidth = 20;
/** Teams refuses messages over about 28 KB; the export has every department and system. */
export const departmentsShown = 25;
export const overdueShownPerDepartment = 10;

/**
 * Text bars read at a glance in every Teams client (desktop, web, mobile) and need no image or chart
 * element, which Adaptive Cards 1.5 does not have.
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
    chart: [
      { legend: say(lang, followUpStatusTexts.submitted), value: overview.totals.submitted, color: 'good' },
      {
        legend: say(lang, followUpStatusTexts.inProgress),
        value: overview.totals.inProgress,
        color: 'warning',
      },
      {
        legend: say(lang, followUpStatusTexts.notStarted),
        value: overview.totals.notStarted,
        color: 'neutral',
      },
    ],
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
        name: escapeMarkdown(
          department.department === '' ? say(lang, checklistTexts.noDepartment) : department.department,
        ),
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

/** The status as plain text, for notifications and clients without cards. */
export function statusOverviewText(overview: StatusOverview, lang: Lang): string {
  return overview.totals.total === 0
    ? say(lang, t.statusNoSystems)
    : `${say(lang, t.statusHeading, { year: overview.year })}. ${say(lang, t.statusTotals, { ...overview.totals })}`;
}
