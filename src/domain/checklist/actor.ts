/**
 * Who is acting, as Teams tells the bot: the Entra object id from `activity.from.aadObjectId`, and the e-mail or
 * UPN from the member lookup. Never built from anything a card sends back, which the user controls.
 */
export interface Actor {
  aadObjectId: string;
  /** Display name, stored with answers ("answered by") and shown to others. */
  name: string;
  email?: string;
  userPrincipalName?: string;
  /**
   * Teams could not be asked for the e-mail and UPN this turn: the actor is known by object id only, so a refusal
   * that rests on the addresses may be wrong and is to be told as "try again", not "you may not".
   */
  addressesUnknown?: true;
}

/** A person as stored on a review: who answered, submitted, reopened. */
export interface PersonRef {
  aadObjectId: string;
  name: string;
}

export function personRefOf(actor: Actor): PersonRef {
  return { aadObjectId: actor.aadObjectId, name: actor.name };
}

/** The actor's e-mail and UPN, lower-cased, for comparison with the register's (lower-cased) e-mails. */
export function addressesOf(actor: Actor): string[] {
  const addresses = [actor.email, actor.userPrincipalName]
    .map((address) => address?.trim().toLowerCase() ?? '')
    .filter((address) => address !== '');
  return [...new Set(addresses)];
}

/** Object ids are GUIDs; Teams and Entra do not always agree on their case. */
export function sameObjectId(a: string | undefined, b: string | undefined): boolean {
  return (
    a !== undefined && b !== undefined && a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase()
  );
}
