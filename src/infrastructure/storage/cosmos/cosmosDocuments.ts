import { stripSystemProperties } from './cosmosContainers';

/** Envelope fields every document carries next to the domain fields, so old documents can be recognised. */
export interface DocumentEnvelope<Type extends string> {
  type: Type;
  schemaVersion: number;
}

/** The domain object as a document: its own fields plus the envelope, with undefined fields dropped. */
export function toDocument<T extends object, Type extends string>(
  value: T,
  envelope: DocumentEnvelope<Type>,
): T & DocumentEnvelope<Type> {
  return {
    ...(JSON.parse(JSON.stringify(value)) as T),
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
  };
}

/** The domain object in a document: Cosmos DB's system properties and the envelope removed. */
export function fromDocument<T>(document: object): T {
  const {
    type: _type,
    schemaVersion: _schemaVersion,
    ...value
  } = stripSystemProperties(document as Record<string, unknown>);
  return value as T;
}

/** Characters Cosmos DB does not allow in an id. */
const forbiddenIdCharacters = /[/\\?#]/;

export function assertCosmosId(entity: string, id: string): void {
  if (id === '' || forbiddenIdCharacters.test(id) || id.length > 255) {
    throw new Error(`${entity} id is not usable as a Cosmos DB id (empty, too long, or contains / \\ ? #)`);
  }
}
