/**
 * Who may answer a system's checklist:
 * - its responsible chief (ansvarig chef) when the register names one, otherwise its systemansvarig;
 * - delegates an admin added for that system and year;
 * - admins, for every system.
 * The systemansvarig of a system that has a responsible chief answers only as a delegate: the register names
 * one person who answers, and the chief may hand it over through an admin.
 *
 * People are matched on their Entra object id and on their e-mail or UPN from Teams, compared case-insensitively
 * with the register's e-mails; never on names, and never on anything a card sends back. A register person without
 * an e-mail cannot be recognised: an admin adds them as a delegate by object id.
 */
import { addressesOf, sameObjectId, type Actor, type PersonRef } from './actor';
import { NotAllowedToAnswerError } from './errors';
import type { Person, SystemRecord } from '../register/system';

/** Admins and the information security coordinators, each entry an Entra object id or an e-mail/UPN. */
export interface ChecklistAccess {
  admins: readonly string[];
  securityCoordinators: readonly string[];
}

/** A person an admin allowed to answer one system's checklist for one year. */
export interface Delegate {
  name: string;
  /** At least one of aadObjectId and email identifies the person. */
  aadObjectId?: string;
  /** Lower-cased. */
  email?: string;
  addedBy: PersonRef;
  addedAt: string;
}

/** The delegates of one system for one year; stored next to the reviews (see docs/storage.md). */
export interface ReviewDelegates {
  /** `<systemId>:<year>:delegates`, see delegatesIdFor. */
  id: string;
  systemId: string;
  year: number;
  delegates: Delegate[];
}

export type AnswererRole = 'responsibleChief' | 'responsible' | 'delegate';

/** Someone who can answer, named for a refusal ("Anna Berg (ansvarig chef) can answer"). */
export interface Answerer {
  role: AnswererRole;
  name: string;
}

export type AnswerPermission =
  { allowed: true; as: AnswererRole | 'admin' } | { allowed: false; answerers: Answerer[] };

export function delegatesIdFor(systemId: string, year: number): string {
  return `${systemId}:${year}:delegates`;
}

/** True when the actor is in the list by object id or by e-mail/UPN. */
export function isListed(actor: Actor, entries: readonly string[]): boolean {
  const addresses = addressesOf(actor);
  return entries.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    if (wanted === '') return false;
    return wanted.includes('@') ? addresses.includes(wanted) : sameObjectId(wanted, actor.aadObjectId);
  });
}

export function isAdmin(actor: Actor, access: ChecklistAccess): boolean {
  return isListed(actor, access.admins);
}

/** Admins and information security coordinators see every system's status and may export the results. */
export function maySeeStatus(actor: Actor, access: ChecklistAccess): boolean {
  return isAdmin(actor, access) || isListed(actor, access.securityCoordinators);
}

/** The register's answerer of a system: its responsible chief, or else its systemansvarig. */
export function registerAnswererOf(system: SystemRecord): { role: AnswererRole; person: Person } | undefined {
  if (system.responsibleChief !== undefined)
    return { role: 'responsibleChief', person: system.responsibleChief };
  if (system.responsible !== undefined) return { role: 'responsible', person: system.responsible };
  return undefined;
}

/** Everyone who can answer the system's checklist except admins, register answerer first. */
export function answerersOf(system: SystemRecord, delegates: readonly Delegate[] = []): Answerer[] {
  const answerer = registerAnswererOf(system);
  return [
    ...(answerer === undefined ? [] : [{ role: answerer.role, name: answerer.person.name }]),
    ...delegates.map((delegate): Answerer => ({ role: 'delegate', name: delegate.name })),
  ];
}

/** The role the actor answers in, or undefined; admins are checked separately (isAdmin). */
export function answererRoleOf(
  actor: Actor,
  system: SystemRecord,
  delegates: readonly Delegate[] = [],
): AnswererRole | undefined {
  const answerer = registerAnswererOf(system);
  if (answerer !== undefined && isPerson(actor, answerer.person)) return answerer.role;
  if (delegates.some((delegate) => isDelegate(actor, delegate))) return 'delegate';
  return undefined;
}

export function answerPermission(
  actor: Actor,
  system: SystemRecord,
  delegates: readonly Delegate[],
  access: ChecklistAccess,
): AnswerPermission {
  const role = answererRoleOf(actor, system, delegates);
  if (role !== undefined) return { allowed: true, as: role };
  if (isAdmin(actor, access)) return { allowed: true, as: 'admin' };
  return { allowed: false, answerers: answerersOf(system, delegates) };
}

/** Throws NotAllowedToAnswerError, naming who can answer, unless the actor may answer. */
export function assertMayAnswer(
  actor: Actor,
  system: SystemRecord,
  delegates: readonly Delegate[],
  access: ChecklistAccess,
): AnswererRole | 'admin' {
  const permission = answerPermission(actor, system, delegates, access);
  if (!permission.allowed) throw new NotAllowedToAnswerError(system.id, permission.answerers);
  return permission.as;
}

/** Whether two delegate entries name the same person (same object id, or same e-mail). */
export function sameDelegate(
  a: Pick<Delegate, 'aadObjectId' | 'email'>,
  b: Pick<Delegate, 'aadObjectId' | 'email'>,
): boolean {
  if (sameObjectId(a.aadObjectId, b.aadObjectId)) return true;
  return a.email !== undefined && b.email !== undefined && a.email.toLowerCase() === b.email.toLowerCase();
}

function isPerson(actor: Actor, person: Person): boolean {
  const email = person.email?.trim().toLowerCase();
  return email !== undefined && email !== '' && addressesOf(actor).includes(email);
}

function isDelegate(actor: Actor, delegate: Delegate): boolean {
  if (sameObjectId(delegate.aadObjectId, actor.aadObjectId)) return true;
  const email = delegate.email?.trim().toLowerCase();
  return email !== undefined && email !== '' && addressesOf(actor).includes(email);
}
