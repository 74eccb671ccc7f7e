// The explorer's GraphQL documents, apart from the page code so that the trusted-documents manifest (npm run
// documents) can list them without a browser.

export const SIGNALS = ["seeAlso", "cites", "citedBy", "coCitation", "coupling"] as const;

export const SEARCH = `query ExplorerSearch($query: String!) {
  search(query: $query, first: 20) { edges { node { score field paper { id title year } } } }
}`;

export const TOP_CITED = `query ExplorerTopCited { topCited(first: 10) { count paper { id title year } } }`;

const SIGNAL_FIELDS = `count normalized contribution examples { id title year }`;

export const PAPER = `query ExplorerPaper($id: ID!) {
  paper(id: $id) {
    id title year venue url arxivId doi citationCount referenceCount
    authors { name }
    seeAlso { note paper { id title year } }
    summaries(first: 20) { id bodyHtml votes createdAt author { name } }
    related(first: 10) { edges { node { score paper { id title year }
      evidence { ${SIGNALS.map((s) => `${s} { ${SIGNAL_FIELDS} }`).join(" ")} } } } }
  }
}`;

export const NEIGHBOURHOOD = `query ExplorerNeighbourhood($id: ID!, $depth: Int!, $direction: Direction!, $edges: [EdgeKind!]!, $limit: Int!) {
  neighbourhood(ids: [$id], depth: $depth, direction: $direction, edges: $edges, limit: $limit) {
    truncated
    nodes { depth paper { id title year citationCount } }
    edges { from to kind }
  }
}`;

/** Every document the explorer sends besides the front page (the README's first example). */
export const EXPLORER_DOCUMENTS = [SEARCH, TOP_CITED, PAPER, NEIGHBOURHOOD];

/** The front page's live updates; `node` is the README front-page query's summary selection (scripts/build-web.ts). */
export function liveDocuments(node: string): { added: string; votes: string; edited: string; deleted: string } {
  return {
    added: `subscription FrontPageAdded { summaryAdded ${node} }`,
    votes: `subscription FrontPageVotes { summaryVotesChanged { id votes } }`,
    edited: `subscription FrontPageEdited { summaryEdited ${node} }`,
    deleted: `subscription FrontPageDeleted { summaryDeleted { id } }`,
  };
}
