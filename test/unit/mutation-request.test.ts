// The mutation budget's question, asked before Apollo runs anything: how many mutations does this request run? Asked
// of the query text, or of the persisted document a request names by id alone (APQ, or the trusted list).
import type { Request } from "express";
import { mutationCount } from "../../src/http/rate-limit";
import { documentId, manifestOf, persistedDocuments, TrustedDocuments } from "../../src/graphql/trusted-documents";

const MUTATION = `mutation Vote { voteSummary(id: "s", value: 1) { votes } }`;
const QUERY = `query Read { paper(id: "p") { id } }`;
const BOTH = `${QUERY}\n${MUTATION}`;
const THREE = `mutation Three { a: voteSummary(id: "a", value: 1) { votes } b: voteSummary(id: "b", value: 1) { votes } voteSummary(id: "c", value: 1) { votes } }`;

const post = (body: Record<string, unknown>) => ({ body, query: {} }) as unknown as Request;
const get = (query: Record<string, string>) => ({ body: undefined, query }) as unknown as Request;
const byId = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: documentId(text) } });

describe("mutationCount", () => {
  it("reads the operation of the query text, chosen by operationName", async () => {
    expect(await mutationCount(post({ query: MUTATION }))).toBe(1);
    expect(await mutationCount(post({ query: QUERY }))).toBe(0);
    expect(await mutationCount(post({ query: BOTH, operationName: "Vote" }))).toBe(1);
    expect(await mutationCount(post({ query: BOTH, operationName: "Read" }))).toBe(0);
    expect(await mutationCount(get({ query: MUTATION }))).toBe(1);
    // Left to Apollo, which refuses it.
    expect(await mutationCount(post({ query: "mutation {" }))).toBe(0);
  });

  it("counts each root field of a mutation, aliases and fragments included, __typename not", async () => {
    expect(await mutationCount(post({ query: THREE }))).toBe(3);
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: addSummary(paperId: "p", body: "b") { id }`).join(" ");
    expect(await mutationCount(post({ query: `mutation { ${aliases} addSummary(paperId: "p", body: "b") { id } }` }))).toBe(16);
    const fragments = `mutation M { ...Votes ... on Mutation { c: voteSummary(id: "c", value: 1) { votes } } ...Votes __typename }
      fragment Votes on Mutation { a: voteSummary(id: "a", value: 1) { votes } ...More }
      fragment More on Mutation { b: voteSummary(id: "b", value: 1) { votes } }`;
    expect(await mutationCount(post({ query: fragments }))).toBe(3);
    // One response key is one field: graphql-js runs the two as one (and refuses them unless they are the same call).
    expect(await mutationCount(post({ query: `mutation { a: voteSummary(id: "a", value: 1) { votes } a: voteSummary(id: "a", value: 1) { id } }` }))).toBe(1);
    expect(await mutationCount(post({ query: `mutation { __typename }` }))).toBe(0);
  });

  it("reads a document sent by id alone from APQ's registrations, over POST and GET", async () => {
    const documents = persistedDocuments(undefined);
    await documents.cache.set(documentId(MUTATION), MUTATION);
    await documents.cache.set(documentId(QUERY), QUERY);
    await documents.cache.set(documentId(THREE), THREE);
    expect(await mutationCount(post({ extensions: byId(MUTATION) }), documents)).toBe(1);
    expect(await mutationCount(get({ extensions: JSON.stringify(byId(MUTATION)) }), documents)).toBe(1);
    expect(await mutationCount(post({ extensions: byId(THREE) }), documents)).toBe(3);
    expect(await mutationCount(post({ extensions: byId(QUERY) }), documents)).toBe(0);
    // An id that names no document is Apollo's PERSISTED_QUERY_NOT_FOUND; the client then sends the text.
    expect(await mutationCount(post({ extensions: byId(BOTH) }), documents)).toBe(0);
    expect(await mutationCount(get({ extensions: "{not json" }), documents)).toBe(0);
  });

  it("reads a document sent by id alone from the trusted list", async () => {
    const documents = persistedDocuments(new TrustedDocuments(manifestOf([MUTATION, QUERY, THREE])));
    expect(await mutationCount(post({ extensions: byId(MUTATION) }), documents)).toBe(1);
    expect(await mutationCount(post({ extensions: byId(THREE) }), documents)).toBe(3);
    expect(await mutationCount(post({ extensions: byId(QUERY) }), documents)).toBe(0);
  });
});
