import { PassThrough } from "node:stream";
import { progressBar } from "../../src/ingest/progress-bar";

// What the bar last drew, once stopped (cli-progress draws a final frame on stop).
function drawn(use: (bar: ReturnType<typeof progressBar>) => void): string {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (d) => (text += d));
  const bar = progressBar("test", stream);
  use(bar);
  bar.stop();
  const frames = text.split(/[\r\n]/).filter((f) => f.includes("records"));
  return frames[frames.length - 1];
}

describe("progressBar", () => {
  it("counts records without a total, the total growing with them", () => {
    expect(
      drawn((bar) => {
        bar.advance(1000);
        bar.advance(250);
      }),
    ).toMatch(/ 1250\/1250 records/);
  });

  it("counts against a total, and again from 0 when a new total starts the work over", () => {
    expect(
      drawn((bar) => {
        bar.total(10);
        bar.advance(6);
        bar.total(10);
        bar.advance(3);
      }),
    ).toMatch(/ 3\/10 records/);
  });

  it("shows more records than the total when there are more, rather than stopping at it", () => {
    expect(
      drawn((bar) => {
        bar.total(10);
        bar.advance(8);
        bar.advance(4);
        bar.advance(4);
      }),
    ).toMatch(/ 16\/10 records/);
  });
});
