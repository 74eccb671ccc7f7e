// The mutation budget's question, asked before Apollo runs anything: is this request's operation a mutation? Asked
// of the query text, or of the persisted document a request names by id alone (APQ, or the trusted list).
import type { Request } from "express";
import { isMutationRequest } from "../../src/http/rate-limit";
import { documentId, manifestOf, persistedDocuments, TrustedDocuments } from "../../src/graphql/trusted-documents";

const MUTATION = `mutation Vote { voteSummary(id: "s", value: 1) { votes } }`;
const QUERY = `query Read { paper(id: "p") { id } }`;
const BOTH = `${QUERY}\n${MUTATION}`;

const post = (body: Record<string, unknown>) => ({ body, query: {} }) as unknown as Request;
const get = (query: Record<string, string>) => ({ body: undefined, query }) as unknown as Request;
const byId = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: documentId(text) } });

describe("isMutationRequest", () => {
  it("reads the operation of the query text, chosen by operationName", async () => {
    expect(await isMutationRequest(post({ query: MUTATION }))).toBe(true);
    expect(await isMutationRequest(post({ query: QUERY }))).toBe(false);
    expect(await isMutationRequest(post({ query: BOTH, operationName: "Vote" }))).toBe(true);
    expect(await isMutationRequest(post({ query: BOTH, operationName: "Read" }))).toBe(false);
    expect(await isMutationRequest(get({ query: MUTATION }))).toBe(true);
    // Left to Apollo, which refuses it.
    expect(await isMutationRequest(post({ query: "mutation {" }))).toBe(false);
  });

  it("reads a document sent by id alone from APQ's registrations, over POST and GET", async () => {
    const documents = persistedDocuments(undefined);
    await documents.cache.set(documentId(MUTATION), MUTATION);
    await documents.cache.set(documentId(QUERY), QUERY);
    expect(await isMutationRequest(post({ extensions: byId(MUTATION) }), documents)).toBe(true);
    expect(await isMutationRequest(get({ extensions: JSON.stringify(byId(MUTATION)) }), documents)).toBe(true);
    expect(await isMutationRequest(post({ extensions: byId(QUERY) }), documents)).toBe(false);
    // An id that names no document is Apollo's PERSISTED_QUERY_NOT_FOUND; the client then sends the text.
    expect(await isMutationRequest(post({ extensions: byId(BOTH) }), documents)).toBe(false);
    expect(await isMutationRequest(get({ extensions: "{not json" }), documents)).toBe(false);
  });

  it("reads a document sent by id alone from the trusted list", async () => {
    const documents = persistedDocuments(new TrustedDocuments(manifestOf([MUTATION, QUERY])));
    expect(await isMutationRequest(post({ extensions: byId(MUTATION) }), documents)).toBe(true);
    expect(await isMutationRequest(post({ extensions: byId(QUERY) }), documents)).toBe(false);
  });
});
