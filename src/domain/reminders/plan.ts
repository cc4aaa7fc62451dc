/**
 * Who gets which reminder at a given moment: a pure function of the register, the year's reviews and delegates,
 * the conversation references and the schedule. Sending and claiming are reminderRun.ts's.
 *
 * - The people reminded about a system are those who answer it: its responsible chief (or else its
 *   systemansvarig) and the delegates an admin added. Admins are not reminded about every system.
 * - A person gets at most one message per occasion, listing every system of the year they have not submitted,
 *   with its deadline. Someone with nothing left gets nothing.
 * - People are matched to conversation references by Entra object id (delegates added by id) or by e-mail/UPN.
 *   Whoever has open systems but no usable reference is listed as unreachable, with the reason, for the admins.
 * - Admins and security coordinators get a summary on each occasion day when there is something to tell: what
 *   is overdue (after a deadline) and who cannot be reached.
 */
import { registerAnswererOf, type ChecklistAccess, type ReviewDelegates } from '../checklist/permissions';
import type { FollowUpStatus, Review } from '../checklist/review';
import {
  deadlineFor,
  statusOverview,
  type DeadlinePolicy,
  type DepartmentStatus,
} from '../checklist/reviewStatus';
import { isRetired, type SystemRecord } from '../register/system';
import type { Lang } from '../answers';
import { reminderClaimIdFor, summaryOccasionFor } from './claims';
import { addressesOfReference, type ConversationReferenceRecord } from './conversationReference';
import { daysBetween, dueOccasion, reminderDayAt, type Occasion, type ReminderSchedule } from './schedule';

export interface ReminderSystem {
  systemId: string;
  systemName: string;
  /** The earliest deadline of the system's departments. */
  deadline: string;
  status: Exclude<FollowUpStatus, 'submitted'>;
  /** Days from the reminder day to the deadline; negative when overdue. */
  daysLeft: number;
}

export interface PlannedReminder {
  kind: 'reminder';
  claimId: string;
  recipient: ConversationReferenceRecord;
  lang: Lang;
  year: number;
  occasion: Occasion;
  /** The day the plan was made for (the reminder day, local). */
  day: string;
  /** By deadline, then name. */
  systems: ReminderSystem[];
}

export type UnreachableReason =
  /** The register gives no e-mail, and no delegate entry names an object id. */
  | 'noAddress'
  /** Never installed the app nor wrote to the bot. */
  | 'noReference'
  /**
   * As noReference, and Teams refused when the app was last installed for them through Graph (403/404: an app
   * permission policy, or no Teams licence): opening the app themselves may not work either; an admin must look.
   */
  | 'installRefused'
  /** Teams answered 403/404 for the reference, or the app was removed. */
  | 'inactive'
  /** The reference comes from an unauthenticated turn (local mode), which production never uses. */
  | 'unverified';

export interface UnreachablePerson {
  name: string;
  email?: string;
  aadObjectId?: string;
  reason: UnreachableReason;
  /** Their open systems' ids. */
  systemIds: string[];
}

export interface PlannedSummary {
  kind: 'summary';
  claimId: string;
  recipient: ConversationReferenceRecord;
  lang: Lang;
  year: number;
  occasion: Occasion;
  day: string;
  /** Departments with overdue systems only. */
  overdue: DepartmentStatus[];
  overdueCount: number;
  unreachable: UnreachablePerson[];
}

export type PlannedMessage = PlannedReminder | PlannedSummary;

/** A deadline of the year on the plan's day: whether reminders about it are due, for which departments. */
export interface DeadlineOnDay {
  deadline: string;
  /** The departments of the open systems with this deadline, sorted; empty for the default's own line. */
  departments: string[];
  /** The occasion due that day: today's, or one up to catchUpDays old made up; undefined: none due. */
  occasion?: Occasion;
  /** Open systems with this deadline. */
  openSystems: number;
}

/** A system with an open follow-up whose reminder reaches nobody. */
export interface UnremindableSystem {
  systemId: string;
  systemName: string;
  /** nobodyNamed: no responsible chief or systemansvarig in the register and no delegate; nobodyReachable: all named cannot be reached. */
  reason: 'nobodyNamed' | 'nobodyReachable';
}

export interface ReminderPlan {
  year: number;
  day: string;
  /** Every deadline of the year's open systems (and the default deadline), earliest first. */
  deadlines: DeadlineOnDay[];
  /** Open systems nobody can be reminded about, by name. */
  unremindable: UnremindableSystem[];
  reminders: PlannedReminder[];
  summaries: PlannedSummary[];
  /** Everyone with open systems who cannot be reached, whether or not a reminder is due today. */
  unreachable: UnreachablePerson[];
  /** Admin or coordinator entries (ids, e-mails) that match no usable reference. */
  unreachableAdmins: string[];
}

export interface ReminderPlanInput {
  now: Date;
  year: number;
  systems: readonly SystemRecord[];
  reviews: readonly Review[];
  delegates: readonly ReviewDelegates[];
  references: readonly ConversationReferenceRecord[];
  access: ChecklistAccess;
  deadlines?: DeadlinePolicy;
  schedule: ReminderSchedule;
  /** Production: references from unauthenticated turns are not used. */
  requireAuthenticated: boolean;
  /** Lower-cased addresses Teams refused the last Graph install for (see 'installRefused'). */
  installRefused?: ReadonlySet<string>;
}

interface PersonEntry {
  /** A register person or delegate, as named there. */
  name: string;
  email?: string;
  aadObjectId?: string;
  systems: Map<string, ReminderSystem>;
  occasions: Occasion[];
}

export function planReminders(input: ReminderPlanInput): ReminderPlan {
  const day = reminderDayAt(input.now, input.schedule);
  const reviews = new Map(input.reviews.filter((r) => r.year === input.year).map((r) => [r.systemId, r]));
  const delegates = new Map(
    input.delegates.filter((d) => d.year === input.year).map((d) => [d.systemId, d.delegates]),
  );
  const references = referenceIndex(input.references);

  // People keyed by their reference id when reachable, else by e-mail or object id, else by name.
  const people = new Map<
    string,
    PersonEntry & { reference?: ConversationReferenceRecord; why?: UnreachableReason }
  >();
  const occasionsByDeadline = new Map<string, Occasion | undefined>();
  const deadlineDays = new Map<string, { departments: Set<string>; openSystems: number }>();
  const unremindable: UnremindableSystem[] = [];
  const occasionOf = (deadline: string) => {
    if (!occasionsByDeadline.has(deadline)) {
      occasionsByDeadline.set(deadline, dueOccasion(deadline, input.now, input.schedule));
    }
    return occasionsByDeadline.get(deadline);
  };

  for (const system of input.systems) {
    // Nobody is reminded of a system the register says is retired.
    if (isRetired(system)) continue;
    const status = reviews.get(system.id)?.status ?? 'notStarted';
    if (status === 'submitted') continue;
    const deadline = systemDeadline(system, input.year, input.deadlines);
    const entry: ReminderSystem = {
      systemId: system.id,
      systemName: system.name,
      deadline,
      status,
      daysLeft: daysBetween(day, deadline),
    };
    const onDay = deadlineDays.get(deadline) ?? { departments: new Set<string>(), openSystems: 0 };
    onDay.openSystems++;
    for (const department of system.departments) onDay.departments.add(department);
    deadlineDays.set(deadline, onDay);
    const answerer = registerAnswererOf(system);
    const named: { name: string; email?: string; aadObjectId?: string }[] = [
      ...(answerer ? [{ name: answerer.person.name, email: answerer.person.email }] : []),
      ...(delegates.get(system.id) ?? []).map((d) => ({
        name: d.name,
        email: d.email,
        aadObjectId: d.aadObjectId,
      })),
    ];
    let anyoneReachable = false;
    for (const person of named) {
      const found = references.find(person);
      const usable = found && usability(found, input.requireAuthenticated);
      if (usable === 'usable') anyoneReachable = true;
      const key =
        found && usable === 'usable'
          ? `ref:${found.id}`
          : `person:${person.email?.toLowerCase() ?? person.aadObjectId?.toLowerCase() ?? `name:${person.name}`}`;
      let stored = people.get(key);
      if (stored === undefined) {
        stored = {
          name: person.name,
          ...(person.email ? { email: person.email.toLowerCase() } : {}),
          ...(person.aadObjectId ? { aadObjectId: person.aadObjectId.toLowerCase() } : {}),
          systems: new Map(),
          occasions: [],
          ...(found && usable === 'usable' ? { reference: found } : {}),
          ...(usable !== 'usable'
            ? {
                why: found
                  ? (usable as UnreachableReason)
                  : person.email && input.installRefused?.has(person.email.toLowerCase())
                    ? 'installRefused'
                    : person.email || person.aadObjectId
                      ? 'noReference'
                      : 'noAddress',
              }
            : {}),
        };
        people.set(key, stored);
      }
      stored.systems.set(system.id, entry);
      const occasion = occasionOf(deadline);
      if (occasion) stored.occasions.push(occasion);
    }
    if (!anyoneReachable) {
      unremindable.push({
        systemId: system.id,
        systemName: system.name,
        reason: named.length === 0 ? 'nobodyNamed' : 'nobodyReachable',
      });
    }
  }

  const reminders: PlannedReminder[] = [];
  const unreachable: UnreachablePerson[] = [];
  for (const person of people.values()) {
    const systems = [...person.systems.values()].sort(bySystemOrder);
    if (person.reference === undefined) {
      unreachable.push({
        name: person.name,
        ...(person.email ? { email: person.email } : {}),
        ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}),
        reason: person.why ?? 'noReference',
        systemIds: systems.map((s) => s.systemId),
      });
      continue;
    }
    const occasion = latestOccasion(person.occasions);
    if (occasion === undefined) continue;
    reminders.push({
      kind: 'reminder',
      claimId: reminderClaimIdFor(person.reference.id, input.year, occasion.date),
      recipient: person.reference,
      lang: person.reference.language,
      year: input.year,
      occasion,
      day,
      systems,
    });
  }
  unreachable.sort((a, b) => collator.compare(a.name, b.name));
  reminders.sort((a, b) => (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0));

  const { summaries, unreachableAdmins } = planSummaries(
    input,
    day,
    references,
    unreachable,
    occasionsByDeadline,
  );
  const defaultDeadline = deadlineFor(input.year, undefined, input.deadlines);
  if (!deadlineDays.has(defaultDeadline))
    deadlineDays.set(defaultDeadline, { departments: new Set(), openSystems: 0 });
  const deadlines = [...deadlineDays]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([deadline, { departments, openSystems }]): DeadlineOnDay => {
      const occasion = occasionsByDeadline.get(deadline) ?? dueOccasion(deadline, input.now, input.schedule);
      return {
        deadline,
        departments: [...departments].sort(collator.compare),
        ...(occasion ? { occasion } : {}),
        openSystems,
      };
    });
  unremindable.sort((a, b) => collator.compare(a.systemName, b.systemName));
  return {
    year: input.year,
    day,
    deadlines,
    unremindable,
    reminders,
    summaries,
    unreachable,
    unreachableAdmins,
  };
}

function planSummaries(
  input: ReminderPlanInput,
  day: string,
  references: ReturnType<typeof referenceIndex>,
  unreachable: UnreachablePerson[],
  occasionsByDeadline: Map<string, Occasion | undefined>,
): { summaries: PlannedSummary[]; unreachableAdmins: string[] } {
  // The summary's occasion: the latest due one over every deadline of the year (the default's included).
  const deadlines = new Set([
    deadlineFor(input.year, undefined, input.deadlines),
    ...occasionsByDeadline.keys(),
  ]);
  const occasion = latestOccasion(
    [...deadlines]
      .map(
        (deadline) => occasionsByDeadline.get(deadline) ?? dueOccasion(deadline, input.now, input.schedule),
      )
      .filter((o): o is Occasion => o !== undefined),
  );
  const overview = statusOverview({
    year: input.year,
    systems: input.systems,
    reviews: input.reviews,
    today: day,
    deadlines: input.deadlines,
  });
  const overdue = overview.departments.filter((department) => department.overdue.length > 0);
  const unreachableAdmins: string[] = [];
  const recipients = new Map<string, ConversationReferenceRecord>();
  for (const entry of [...input.access.admins, ...input.access.securityCoordinators]) {
    const wanted = entry.trim().toLowerCase();
    if (wanted === '') continue;
    const found = references.find(
      wanted.includes('@') ? { name: '', email: wanted } : { name: '', aadObjectId: wanted },
    );
    if (found && usability(found, input.requireAuthenticated) === 'usable') recipients.set(found.id, found);
    else unreachableAdmins.push(entry);
  }
  if (occasion === undefined || (overdue.length === 0 && unreachable.length === 0)) {
    return { summaries: [], unreachableAdmins };
  }
  const summaries = [...recipients.values()].map((recipient): PlannedSummary => ({
    kind: 'summary',
    claimId: reminderClaimIdFor(recipient.id, input.year, summaryOccasionFor(occasion.date)),
    recipient,
    lang: recipient.language,
    year: input.year,
    occasion,
    day,
    overdue,
    overdueCount: overview.totals.overdue,
    unreachable,
  }));
  return { summaries, unreachableAdmins };
}

/** The earliest deadline among the system's departments, as "my checklists" shows it. */
export function systemDeadline(system: SystemRecord, year: number, deadlines?: DeadlinePolicy): string {
  const departments = system.departments.length > 0 ? system.departments : [undefined];
  return departments.map((department) => deadlineFor(year, department, deadlines)).sort()[0] as string;
}

function latestOccasion(occasions: readonly Occasion[]): Occasion | undefined {
  let latest: Occasion | undefined;
  for (const occasion of occasions) {
    // On a tie the overdue occasion names it: it is the more urgent message.
    if (
      latest === undefined ||
      occasion.date > latest.date ||
      (occasion.date === latest.date && occasion.kind === 'overdue')
    ) {
      latest = occasion;
    }
  }
  return latest;
}

type Usability = 'usable' | Extract<UnreachableReason, 'inactive' | 'unverified'>;

function usability(reference: ConversationReferenceRecord, requireAuthenticated: boolean): Usability {
  if (!reference.active) return 'inactive';
  if (requireAuthenticated && !reference.authenticated) return 'unverified';
  return 'usable';
}

function referenceIndex(references: readonly ConversationReferenceRecord[]) {
  const byId = new Map<string, ConversationReferenceRecord>();
  const byAddress = new Map<string, ConversationReferenceRecord>();
  // Active references first, so an address shared by an old and a new record finds the one that works.
  const ordered = [...references].sort((a, b) => Number(b.active) - Number(a.active));
  for (const reference of ordered) {
    if (!byId.has(reference.id)) byId.set(reference.id, reference);
    for (const address of addressesOfReference(reference))
      if (!byAddress.has(address)) byAddress.set(address, reference);
  }
  return {
    find(person: {
      name: string;
      email?: string;
      aadObjectId?: string;
    }): ConversationReferenceRecord | undefined {
      const byObjectId = person.aadObjectId ? byId.get(person.aadObjectId.trim().toLowerCase()) : undefined;
      return byObjectId ?? (person.email ? byAddress.get(person.email.trim().toLowerCase()) : undefined);
    },
  };
}

const collator = new Intl.Collator('sv', { sensitivity: 'base' });

function bySystemOrder(a: ReminderSystem, b: ReminderSystem): number {
  return a.deadline !== b.deadline
    ? a.deadline < b.deadline
      ? -1
      : 1
    : collator.compare(a.systemName, b.systemName);
}
