// perEvent (src/graphql/subscriptions.ts): what an event's subscribers share, and when a late one gets its own.
import { perEvent } from "../../src/graphql/subscriptions";

describe("perEvent", () => {
  afterEach(() => jest.useRealTimers());

  it("makes one value per event for the subscribers that ask within maxAgeMs, and a new one for a later subscriber", () => {
    jest.useFakeTimers({ now: 1_000_000 });
    let made = 0;
    const of = perEvent((event: { id: string }) => ({ event: event.id, n: ++made }), 1_000);
    const first = { id: "first" };
    const second = { id: "second" };
    const a = of(first);
    expect(of(first)).toBe(a);
    expect(of({ id: "first" })).not.toBe(a); // another object is another event, whatever it holds
    expect(of(second)).toEqual({ event: "second", n: 3 });
    jest.advanceTimersByTime(1_000);
    expect(of(first)).toBe(a);
    jest.advanceTimersByTime(1);
    const late = of(first);
    expect(late).toEqual({ event: "first", n: 4 });
    expect(of(first)).toBe(late);
  });
});
