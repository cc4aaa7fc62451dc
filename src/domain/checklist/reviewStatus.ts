/**
 * How far the year's follow-up has come, per department: for admins and the information security coordinator.
 * Pure functions over the register and the year's reviews; the caller supplies today's date.
 */
import { InvalidInputError } from '../errors';
import { isRetired, type SystemRecord } from '../register/system';
import type { FollowUpStatus, Review } from './review';

/**
 * When the follow-up of year N is due: by default 1 March of N+1 ("all internal controls ... reported to the
 * information security coordinator by 1 March every year"). Dates are month-day ("03-01") in year N+1.
 */
export interface DeadlinePolicy {
  /** Month-day for every department without its own; default "03-01". */
  monthDay?: string;
  /** Month-day per department, keyed by the department's name as the register spells it (case-insensitive). */
  byDepartment?: Readonly<Record<string, string>>;
}

export const defaultDeadlineMonthDay = '03-01';

/** The department key of systems the register gives no department. */
export const noDepartment = '';

export interface OverdueSystem {
  systemId: string;
  systemName: string;
  status: Exclude<FollowUpStatus, 'submitted'>;
}

export interface StatusCounts {
  submitted: number;
  inProgress: number;
  notStarted: number;
  total: number;
}

export interface DepartmentStatus extends StatusCounts {
  /** As the register spells it; noDepartment ('') for systems without one. */
  department: string;
  /** ISO date (YYYY-MM-DD): the last day the department's follow-up is on time. */
  deadline: string;
  /** Not submitted and the deadline has passed, by system name. */
  overdue: OverdueSystem[];
}

export interface StatusOverview {
  year: number;
  today: string;
  /** Every system counted once, even one shared by several departments. */
  totals: StatusCounts & { overdue: number };
  /** By department name; a shared system counts in each of its departments. */
  departments: DepartmentStatus[];
}

/** Checks a month-day ("03-01"); throws an InvalidInputError naming the bad value, for fail-fast configuration. */
export function assertMonthDay(value: string): void {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  // 2024 is a leap year, so 02-29 is accepted; deadlineFor moves it to 02-28 in other years.
  const probe = new Date(Date.UTC(2024, month - 1, day));
  if (match === null || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new InvalidInputError('deadline', `deadline "${value}" is not a month-day such as 03-01`);
  }
}

/** The deadline of the follow-up of `year` for a department, as an ISO date in year+1. */
export function deadlineFor(year: number, department?: string, policy: DeadlinePolicy = {}): string {
  const monthDay = departmentMonthDay(department, policy) ?? policy.monthDay ?? defaultDeadlineMonthDay;
  assertMonthDay(monthDay);
  const deadlineYear = year + 1;
  const leap = (deadlineYear % 4 === 0 && deadlineYear % 100 !== 0) || deadlineYear % 400 === 0;
  const fitted = monthDay === '02-29' && !leap ? '02-28' : monthDay;
  return `${deadlineYear}-${fitted}`;
}

/** A system's follow-up status for the year. */
export function followUpStatusOf(review: Review | undefined): FollowUpStatus {
  return review?.status ?? 'notStarted';
}

/**
 * Counts done (submitted), in progress and not started per department, and lists what is overdue (not submitted
 * after the deadline). Reviews of systems no longer in the register are left out: the register says what must be
 * followed up.
 */
export function statusOverview(input: {
  year: number;
  systems: readonly SystemRecord[];
  reviews: readonly Review[];
  /** ISO date of today in the municipality's time zone. */
  today: string;
  deadlines?: DeadlinePolicy;
}): StatusOverview {
  const reviewsBySystem = new Map(
    input.reviews.filter((review) => review.year === input.year).map((review) => [review.systemId, review]),
  );
  const departments = new Map<string, DepartmentStatus>();
  const totals = { submitted: 0, inProgress: 0, notStarted: 0, total: 0, overdue: 0 };

  for (const system of input.systems) {
    // A retired system is not followed up, so it counts neither as done nor as missing.
    if (isRetired(system)) continue;
    const status = followUpStatusOf(reviewsBySystem.get(system.id));
    totals[status] += 1;
    totals.total += 1;
    let overdueSomewhere = false;
    const names = system.departments.length > 0 ? [...new Set(system.departments)] : [noDepartment];
    for (const name of names) {
      let department = departments.get(name);
      if (department === undefined) {
        department = {
          department: name,
          deadline: deadlineFor(input.year, name, input.deadlines),
          submitted: 0,
          inProgress: 0,
          notStarted: 0,
          total: 0,
          overdue: [],
        };
        departments.set(name, department);
      }
      department[status] += 1;
      department.total += 1;
      if (status !== 'submitted' && input.today > department.deadline) {
        department.overdue.push({ systemId: system.id, systemName: system.name, status });
        overdueSomewhere = true;
      }
    }
    if (overdueSomewhere) totals.overdue += 1;
  }

  const sorted = [...departments.values()].sort((a, b) => compareNames(a.department, b.department));
  for (const department of sorted)
    department.overdue.sort((a, b) => compareNames(a.systemName, b.systemName));
  return { year: input.year, today: input.today, totals, departments: sorted };
}

/** Today's date (YYYY-MM-DD) in a time zone; deadlines are days in the municipality's own time. */
export function localDate(instant: Date, timeZone: string): string {
  // The Swedish locale writes dates as ISO (2025-03-01).
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function departmentMonthDay(department: string | undefined, policy: DeadlinePolicy): string | undefined {
  if (department === undefined || policy.byDepartment === undefined) return undefined;
  const wanted = department.trim().toLowerCase();
  for (const [name, monthDay] of Object.entries(policy.byDepartment)) {
    if (name.trim().toLowerCase() === wanted) return monthDay;
  }
  return undefined;
}

const collator = new Intl.Collator('sv', { sensitivity: 'base' });

/** Swedish order (å, ä, ö last); the no-department group after every named one. */
function compareNames(a: string, b: string): number {
  if (a === noDepartment || b === noDepartment) return a === b ? 0 : a === noDepartment ? 1 : -1;
  return collator.compare(a, b);
}
