/** A person named in the register. Names and e-mails are personal data: never log them. */
export interface Person {
  name: string;
  /** Lower-cased e-mail, when the register gives one. */
  email?: string;
}

/** The roles a person can hold for a system, in the register's terms. */
export type PersonRole = 'responsible' | 'manager' | 'administrator' | 'pilot' | 'responsibleChief';

/** One system of the municipality's register. */
export interface SystemRecord {
  /** Stable id derived from the name (see systemIdFor); the same name always gives the same id. */
  id: string;
  name: string;
  /** Other names people use for it ("AD", "O365"), from the register's "Även kallat" column when it has one. */
  aliases?: string[];
  /** Förvaltning(ar). Most systems have one; shared systems list several. */
  departments: string[];
  /** Avdelning. */
  unit: string;
  description: string;
  /** Systemägare: an organisation (usually a board, "Socialnämnden"), not a person. */
  owner: string;
  /** Systemansvarig. */
  responsible?: Person;
  /** Systemförvaltare. */
  managers: Person[];
  /** Systemadministratörer. */
  administrators: Person[];
  /** Piloter / ombud. */
  pilots: Person[];
  /** Ansvarig chef, when the register has the column. */
  responsibleChief?: Person;
  userCount?: number;
  businessCritical?: boolean;
  /** Driftsättningsdatum as an ISO date (YYYY-MM-DD). */
  goLiveDate?: string;
  informationClass?: string;
  /** The register's status text as written ("I drift", "Avvecklad 2023"); see isRetired. */
  status?: string;
  /** Columns the product does not know, kept by their original header. */
  extra: Record<string, string>;
}

/** A stored value with the version (ETag) it was read at, for optimistic concurrency. */
export interface Versioned<T> {
  value: T;
  version: string;
}

export type StoredSystem = Versioned<SystemRecord>;

/**
 * The id of a system: its name folded to lower-case ASCII letters and digits joined by hyphens.
 * "Agresso Ekonomi" -> "agresso-ekonomi", "Office 365" -> "office-365", "Visma Window" -> "visma-window".
 * Safe as a Cosmos DB id and in a URL.
 */
export function systemIdFor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Status texts that say a system is no longer in use: "Avvecklad", "Avvecklat 2023", "Ur drift", "Utfasad",
 * "Nedlagd", "Retired". Words about a retirement to come ("Under avveckling", "Avvecklas 2026", "Planerad
 * avveckling") do not count: the system is still used and still followed up.
 */
const retiredStatus =
  /(?:^|[^\p{L}])(?:avvecklad|avvecklat|avvecklade|ur drift|urdrifttagen|urdrifttaget|utfasad|utfasat|nedlagd|nedlagt|retired|decommissioned|out of service)(?![\p{L}])/iu;

/** Whether the register says the system is retired: it is answered as retired and gets no follow-up. */
export function isRetired(system: Pick<SystemRecord, 'status'>): boolean {
  return system.status !== undefined && retiredStatus.test(system.status);
}
