import type { Lang } from '../../shared/lang';
import type { SystemRecord } from '../register/system';

/** The language of a question, and of the answer to it. Swedish when unsure. */
export type { Lang };

/** Roles users ask about, in the register's terms. `owner` is an organisation, the others are people. */
export type RoleId = 'owner' | 'responsible' | 'manager' | 'administrator' | 'pilot' | 'responsibleChief';

/** Every role, in the order a card lists them. */
export const allRoles: readonly RoleId[] = [
  'owner',
  'responsible',
  'manager',
  'administrator',
  'pilot',
  'responsibleChief',
];

/** A person as the register names them. `key` is their e-mail when known, otherwise their folded name. */
export interface PersonRef {
  key: string;
  name: string;
  email?: string;
}

/** A system and the roles one person holds in it. */
export interface PersonSystem {
  system: SystemRecord;
  roles: RoleId[];
}

export interface SystemSummary {
  id: string;
  name: string;
}

/**
 * Which systems a list holds. Plain data, safe to store per user and to apply again to a newer register:
 * departments, units and owners are named as the register spells them, words as the user typed them.
 */
export interface SystemFilter {
  /** Förvaltning. */
  department?: string;
  /** Avdelning ("IT-avdelningen"). */
  unit?: string;
  owner?: string;
  /** Leverantör, from the register's supplier column when it has one, as the register spells it. */
  supplier?: string;
  /** Only business-critical systems (true), or only those stated not to be (false). */
  businessCritical?: boolean;
  /** Words matched against names and descriptions ("lön", "ekonomi"). */
  words?: string;
  /** Systems where this person holds `role` (any role when `role` is absent). */
  person?: PersonRef;
  role?: RoleId;
}

/** How a system answer was reached: the bot may say "I took 'agreso' to mean Agresso". */
export type SystemMatch =
  | 'name'
  /** One of the names the register gives it besides its own ("AD" for Active Directory). */
  | 'alias'
  | 'partialName'
  | 'typo'
  | 'description'
  | 'previousQuestion'
  | 'chosen';

/** What the bot layer keeps per user between questions, so "vilka av dem ..." can build on the last list. */
export interface QuestionContext {
  systemId?: string;
  filter?: SystemFilter;
}

export type Answer =
  | {
      kind: 'systemRoles';
      lang: Lang;
      system: SystemRecord;
      /** The roles asked for, in the order asked; empty means all. The card shows these first. */
      roles: RoleId[];
      matchedBy: SystemMatch;
      /** The system as the user typed it (empty when it came from the previous question or a button). */
      query: string;
      /**
       * Words of the question the bot could not place, although it found the system among them ("Vem har
       * koordinatorsansvar för Skola24?"): the answer says it did not understand them.
       */
      unplaced?: string;
    }
  | { kind: 'chooseSystem'; lang: Lang; query: string; candidates: SystemRecord[]; roles: RoleId[] }
  | {
      kind: 'systemNotFound';
      lang: Lang;
      query: string;
      /** At most three close names: suggestions, never an answer. */
      suggestions: SystemSummary[];
      roles: RoleId[];
    }
  | {
      kind: 'personSystems';
      lang: Lang;
      person: PersonRef;
      role?: RoleId;
      systems: PersonSystem[];
      /**
       * When the person holds the asked role nowhere, the systems where they hold another: someone asking "vad
       * förvaltar Per" about a systemansvarig is better served by what Per does have than by a bare no.
       */
      otherRoles?: PersonSystem[];
    }
  | { kind: 'choosePerson'; lang: Lang; query: string; people: PersonRef[]; role?: RoleId }
  | { kind: 'personNotFound'; lang: Lang; query: string; suggestions: PersonRef[]; role?: RoleId }
  | {
      kind: 'systemList';
      lang: Lang;
      filter: SystemFilter;
      /** The first systems by name (see `maxListed`). */
      systems: SystemRecord[];
      /** How many systems the filter matches in all. */
      total: number;
    }
  | { kind: 'roleDefinition'; lang: Lang; role: RoleId }
  /**
   * A question that names several things ("Vem förvaltar Unikum och vem förvaltar Tempus?"): an answer for
   * each, in the order asked. `leftOut` names, as typed, the things not answered because a message holds no more.
   */
  | {
      kind: 'several';
      lang: Lang;
      parts: Answer[];
      leftOut: string[];
      /** What the question named that the bot could not place, as typed: said, never guessed at. */
      notUnderstood?: string[];
    }
  | { kind: 'help'; lang: Lang }
  /**
   * "Vilka är mina system?" from someone the register does not name: `address` is the one looked for, absent
   * when the asker's address is not known.
   */
  | { kind: 'askerNotInRegister'; lang: Lang; address?: string; role?: RoleId }
  /** Thanks for an answer: a short "you're welcome", no card. */
  | { kind: 'thanks'; lang: Lang }
  | {
      kind: 'notUnderstood';
      lang: Lang;
      /** Roles understood without a system to apply them to ("vem är systemförvaltare?"): ask which system. */
      roles: RoleId[];
    };

export type AnswerKind = Answer['kind'];

/** What to remember after an answer, for a follow-up question; undefined when nothing is worth keeping. */
export function contextAfter(answer: Answer): QuestionContext | undefined {
  switch (answer.kind) {
    case 'systemRoles':
      return { systemId: answer.system.id };
    case 'systemList':
      return { filter: answer.filter };
    case 'several':
      // "Vem äger det?" after two systems has no one meaning; the last one answered is the likeliest.
      return answer.parts.length > 0 ? contextAfter(answer.parts[answer.parts.length - 1]!) : undefined;
    case 'personSystems':
      // A follow-up ("vilka av dem ...") is about the systems shown: the other roles' when those were shown.
      return {
        filter:
          answer.role && !answer.otherRoles
            ? { person: answer.person, role: answer.role }
            : { person: answer.person },
      };
    default:
      return undefined;
  }
}
