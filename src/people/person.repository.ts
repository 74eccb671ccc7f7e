// Cypher for people: authors of papers (in byline order) and the papers a person wrote.
import type { Database } from "../neo4j/database";
import { Group, Page, readGroups } from "../neo4j/page";
import { perProjection } from "../neo4j/projection";
import { PAPER_PROPERTIES, PaperProjection, PaperProperty, paperValues, readPaperGroups, SelectedPaper } from "../papers/paper.record";
import { personFromValue, personFromValues, PersonRecord, personValues } from "./person.record";

const FIND_BY_NAMES = `
UNWIND $names AS name
MATCH (a:Person {name: name})
RETURN name AS key`;

// The people who wrote through the API, by identity key (what createdBy and updatedBy hold).
const FIND_BY_IDENTITIES = `
UNWIND $keys AS key
MATCH (a:Person {identity: key})
RETURN key, ${personValues("a")} AS person`;

// Byline order; $after names the last author seen, whose position on this paper is the keyset.
const AUTHORS_BY_PAPER_IDS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (a:Person)-[w:AUTHORED]->(p)
  WHERE $after = "" OR w.position > COALESCE([(x:Person {name: $after})-[v:AUTHORED]->(p) | v.position][0], 2147483647)
  RETURN a, w.position AS position ORDER BY position LIMIT $limit
}
WITH id, a, position ORDER BY position
RETURN id AS key, collect(a.name) AS items`;

const PAPERS_BY_AUTHOR_NAMES = perProjection<PaperProperty>((props) => `
UNWIND $ids AS name
MATCH (a:Person {name: name})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(p:Paper) WHERE p.id > $after
  RETURN p ORDER BY p.id LIMIT $limit
}
WITH name, p ORDER BY p.id
RETURN name AS key, collect(${paperValues("p", props)}) AS items`);

export class PersonRepository {
  constructor(private readonly db: Database) {}

  async findByNames(names: readonly string[]): Promise<Array<{ key: string; person: PersonRecord }>> {
    const rows = await this.db.read(FIND_BY_NAMES, { names: [...names] });
    return rows.map((r) => ({ key: r.key as string, person: personFromValue(r.key) }));
  }

  async findByIdentities(keys: readonly string[]): Promise<Array<{ key: string; person: PersonRecord }>> {
    const rows = await this.db.read(FIND_BY_IDENTITIES, { keys: [...keys] });
    return rows.flatMap((r) => {
      const person = personFromValues(r.person);
      return person ? [{ key: r.key as string, person }] : [];
    });
  }

  findAuthorsByPaperIds(ids: readonly string[], page: Page): Promise<Group<PersonRecord>[]> {
    return readGroups(this.db, AUTHORS_BY_PAPER_IDS, ids, page, personFromValue);
  }

  findPapersByAuthorNames(names: readonly string[], page: Page, props: PaperProjection = PAPER_PROPERTIES): Promise<Group<SelectedPaper>[]> {
    return readPaperGroups(this.db, PAPERS_BY_AUTHOR_NAMES, names, page, props);
  }
}
