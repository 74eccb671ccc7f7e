// The explorer's GraphQL documents, apart from the page code so that the trusted-documents manifest (npm run
// documents) can list them without a browser.

export const SIGNALS = ["seeAlso", "cites", "citedBy", "coCitation", "coupling"] as const;

export const SEARCH = `query ExplorerSearch($query: String!) {
  search(query: $query, first: 20) { edges { node { score field paper { id title year } } } }
}`;

export const TOP_CITED = `query ExplorerTopCited { topCited(first: 10) { count paper { id title year } } }`;

const SIGNAL_FIELDS = `count normalized contribution examples { id title year }`;

/** What the paper page shows of a summary: read with the paper, and again by its live updates. */
const PAPER_SUMMARY = `{ id bodyHtml votes createdAt author { name } }`;

/** How many of a paper's summaries the page shows (oldest first, as the field orders them); it reads one more to know whether that is all. */
export const PAPER_SUMMARIES_SHOWN = 20;

export const PAPER = `query ExplorerPaper($id: ID!) {
  paper(id: $id) {
    id title year venue url arxivId doi citationCount referenceCount
    authors { name }
    seeAlso { note paper { id title year } }
    summaries(first: ${PAPER_SUMMARIES_SHOWN + 1}) ${PAPER_SUMMARY}
    related(first: 10) { edges { node { score paper { id title year }
      evidence { ${SIGNALS.map((s) => `${s} { ${SIGNAL_FIELDS} }`).join(" ")} } } } }
  }
  newestSummary: summaries(first: 1, filter: { paperId: $id }) { pageInfo { startCursor } }
}`;

export const NEIGHBOURHOOD = `query ExplorerNeighbourhood($id: ID!, $depth: Int!, $direction: Direction!, $edges: [EdgeKind!]!, $limit: Int!) {
  neighbourhood(ids: [$id], depth: $depth, direction: $direction, edges: $edges, limit: $limit) {
    truncated
    nodes { depth paper { id title year citationCount } }
    edges { from to kind }
  }
}`;

/** The four subscriptions that keep a list of summaries live: added, vote counts, edited, deleted. */
export interface LiveDocuments {
  added: string;
  votes: string;
  edited: string;
  deleted: string;
}

/** The paper page's live updates: the shown paper's summaries only (each subscription filtered by `$paperId`). */
export const PAPER_LIVE: LiveDocuments = {
  added: `subscription PaperSummaryAdded($paperId: ID!, $after: String) { summaryAdded(paperId: $paperId, after: $after) ${PAPER_SUMMARY} }`,
  votes: `subscription PaperSummaryVotes($paperId: ID!) { summaryVotesChanged(paperId: $paperId) { id votes } }`,
  edited: `subscription PaperSummaryEdited($paperId: ID!) { summaryEdited(paperId: $paperId) ${PAPER_SUMMARY} }`,
  deleted: `subscription PaperSummaryDeleted($paperId: ID!) { summaryDeleted(paperId: $paperId) { id } }`,
};

/** Every document the explorer sends besides the front page (the README's first example) and its live updates. */
export const EXPLORER_DOCUMENTS = [SEARCH, TOP_CITED, PAPER, NEIGHBOURHOOD, ...Object.values(PAPER_LIVE)];

/** The front page's live updates; `node` is the README front-page query's summary selection (scripts/build-web.ts). */
export function liveDocuments(node: string): LiveDocuments {
  return {
    added: `subscription FrontPageAdded($after: String) { summaryAdded(after: $after) ${node} }`,
    votes: `subscription FrontPageVotes { summaryVotesChanged { id votes } }`,
    edited: `subscription FrontPageEdited { summaryEdited ${node} }`,
    deleted: `subscription FrontPageDeleted { summaryDeleted { id } }`,
  };
}
