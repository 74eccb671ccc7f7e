// `npm run seed` semantics: the seed lands whole, and loading it again changes nothing.
import { openTestDatabase, TestDatabase } from "../helpers/database";

describe("loading the seed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
  });
  afterAll(() => t.close());

  it("writes the front page's papers, summaries and links, and is idempotent", async () => {
    await t.seedShortScience();
    const once = await t.counts();
    expect(once).toEqual({
      papers: 8,
      summaries: 5,
      // 4 + 3 + 5 + 1 + 3 + 4 + 3 + 4 authors, of whom Alex Graves wrote two papers.
      people: 26,
      cites: 3,
      seeAlso: 1,
      mentions: 3,
      authored: 27,
      wrote: 0,
    });
    await t.seedShortScience();
    expect(await t.counts()).toEqual(once);
  });
});
