// The text signal's words are read twice: in Cypher (the paper's query terms, wordsCypher) and in the server (which
// of them a page's paper shares, textWords). Both must give the same words, or a paper's evidence would name words
// it does not share, or leave out some it does. Compared on every hep-th paper's title and abstract, on every ACL
// Anthology title and every CiteSeer text, and on corner cases of Unicode, in Neo4j itself.
import path from "node:path";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { DATA_DIR, lines, readHepTh } from "../helpers/datasets";
import { TEXT_STOP_WORDS, textWords, wordsCypher } from "../../src/graph/text-terms";

interface Text {
  title: string | null;
  abstract: string | null;
  stub?: boolean | null;
}

const CORNERS: Text[] = [
  { title: "İSTANBUL Straße ΣΟΦΟΣ ΟΔΟΣ. ΣΑ ﬁnite ǅemal KELVIN", abstract: "K-theory (Kelvin sign) ᾼᾼᾼ ΐΐΐ" },
  { title: "𝐀𝐁 𝐀𝐁𝐂 x²y ½½½ ⅫⅫⅫ ٣٤٥ abc١٢", abstract: "e\u0301te naïve cafe\u0301s ﬀﬀﬀ" },
  { title: "tab\tsplit\nnew\rline a-b-c a_b_c x^2 \\alpha $\\mathcal{N}=4$ {foo} [bar] (baz) <qux> |abs| 50% #tag @at &amp;", abstract: "" },
  { title: "The AND and THE the Paper PAPERS results", abstract: null },
  { title: null, abstract: "only an abstract with words" },
  { title: "stub title words", abstract: "never its words", stub: true },
  { title: "   many   spaces   between   ", abstract: "emoji 🙂🙂🙂 and 😀abc mixed" },
  { title: "日本語のタイトル 中文标题 한국어 제목", abstract: "Кириллица ЁЖИК ёжик Ελληνικά" },
];

/** A dataset's papers.jsonl.gz, each line read by `text`. */
function readTexts(dataset: string, text: (r: Record<string, unknown>) => Text): Text[] {
  return lines(path.join(DATA_DIR, dataset, "papers.jsonl.gz")).map((l) => text(JSON.parse(l) as Record<string, unknown>));
}

describe("the text signal's words, in Cypher and in the server", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  /** The texts whose words differ between the two, with both lists; empty when they agree. */
  async function differences(texts: Text[]): Promise<Array<{ text: Text; cypher: string[]; server: string[] }>> {
    const out: Array<{ text: Text; cypher: string[]; server: string[] }> = [];
    for (let i = 0; i < texts.length; i += 2000) {
      const batch = texts.slice(i, i + 2000);
      const rows = await t.db.read(`UNWIND $texts AS v RETURN ${wordsCypher("v")} AS words`, { texts: batch, stopWords: TEXT_STOP_WORDS });
      rows.forEach((row, k) => {
        const server = textWords(batch[k]);
        const cypher = row.words as string[];
        if (JSON.stringify(server) !== JSON.stringify(cypher)) out.push({ text: batch[k], cypher, server });
      });
    }
    return out;
  }

  it("agree on corner cases of case, Unicode categories, separators, stop words and stubs", async () => {
    expect(await differences(CORNERS)).toEqual([]);
    // The corner cases do reach both sides' rules: these words are in, those are out.
    const words = CORNERS.map((c) => textWords(c));
    expect(words[0]).toEqual(expect.arrayContaining(["straße", "ﬁnite", "kelvin", "theory"]));
    expect(words[1]).toContain("𝐀𝐁𝐂".toLowerCase());
    expect(words[1]).not.toContain("𝐀𝐁".toLowerCase());
    expect(words[1]).not.toContain("e\u0301te");
    expect(words[3]).toEqual([]);
    expect(words[5]).toEqual([]);
  });

  it("agree on every hep-th paper's title and abstract", async () => {
    const texts = readHepTh({ abstracts: true }).papers.map((p) => ({ title: p.title, abstract: p.abstract ?? null }));
    expect(texts.length).toBe(29555);
    expect(await differences(texts)).toEqual([]);
  });

  it("agree on every ACL Anthology title (AAN) and every CiteSeer paper's text", async () => {
    const acl = readTexts("aan", (r) => ({ title: r.title as string, abstract: null }));
    // CiteSeer's one text field (title and abstract run together) as the abstract.
    const citeseer = readTexts("citeseer-tape", (r) => ({ title: null, abstract: r.text as string }));
    expect(acl.length).toBe(18041);
    expect(citeseer.length).toBe(3186);
    expect(await differences([...acl, ...citeseer])).toEqual([]);
  });
});
