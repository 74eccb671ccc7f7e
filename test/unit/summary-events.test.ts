// A subscriber that stops reading: its subscription holds a bounded number of events, then ends with SUBSCRIBER_BEHIND,
// where graphql-yoga's pubsub queued without bound and, at 1,024, threw inside the event target (the process ended).
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { createSummaryEvents, MAX_PENDING_EVENTS, SUMMARY_ADDED, SUMMARY_EDITED, SubscriberBehindError, summaryEvent } from "../../src/summaries/summary-events";
import { subscribePerEvent } from "../../src/graphql/subscriptions";

const event = (n: number) => summaryEvent({ id: `s${n}`, paperId: "p", createdBy: null });

describe("a subscription of the summary events", () => {
  it("hands its subscriber every event in order, and only those of its topic, from its first ask on", async () => {
    const events = createSummaryEvents();
    const it = events.subscribe(SUMMARY_ADDED)[Symbol.asyncIterator]();
    events.publish(SUMMARY_ADDED, event(0)); // before the first ask: not listened to yet
    const first = it.next();
    events.publish(SUMMARY_ADDED, event(1));
    events.publish(SUMMARY_EDITED, event(9));
    events.publish(SUMMARY_ADDED, event(2));
    expect((await first).value.summaryId).toBe("s1");
    expect((await it.next()).value.summaryId).toBe("s2");
    await it.return!();
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it(`holds ${MAX_PENDING_EVENTS} events for a subscriber that does not read, then drops them and ends with SubscriberBehindError`, async () => {
    const events = createSummaryEvents();
    const it = events.subscribe(SUMMARY_ADDED)[Symbol.asyncIterator]();
    const first = it.next();
    events.publish(SUMMARY_ADDED, event(0));
    expect((await first).value.summaryId).toBe("s0");
    // The subscriber is busy sending s0 (a socket that does not read): these wait, and the one beyond the bound ends it.
    for (let n = 1; n <= MAX_PENDING_EVENTS + 1; n++) events.publish(SUMMARY_ADDED, event(n));
    // Nothing is listening any more: publishing on, far past graphql-yoga's 1,024, neither throws nor holds anything.
    for (let n = 0; n < 2000; n++) events.publish(SUMMARY_ADDED, event(n));
    await expect(it.next()).rejects.toBeInstanceOf(SubscriberBehindError);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it("counts towards the bound only the events its subscriber gets: a busy bus does not end the subscriber of a quiet paper", async () => {
    const events = createSummaryEvents(3);
    const it = events.subscribeWhere(SUMMARY_ADDED, (e) => e.paperId === "mine");
    const first = it.next();
    events.publish(SUMMARY_ADDED, summaryEvent({ id: "m0", paperId: "mine", createdBy: null }));
    expect((await first).value.summaryId).toBe("m0");
    for (let n = 0; n < 50; n++) events.publish(SUMMARY_ADDED, summaryEvent({ id: `o${n}`, paperId: "other", createdBy: null }));
    events.publish(SUMMARY_ADDED, summaryEvent({ id: "m1", paperId: "mine", createdBy: null }));
    expect((await it.next()).value.summaryId).toBe("m1");
    // Its own events still bound it.
    for (let n = 2; n <= 6; n++) events.publish(SUMMARY_ADDED, summaryEvent({ id: `m${n}`, paperId: "mine", createdBy: null }));
    await expect(it.next()).rejects.toBeInstanceOf(SubscriberBehindError);
  });

  it("refuses a second ask while one waits, rather than strand the first", async () => {
    const events = createSummaryEvents();
    const it = events.subscribe(SUMMARY_ADDED)[Symbol.asyncIterator]();
    const first = it.next();
    await expect(it.next()).rejects.toThrow(/asked for its next event twice at once/);
    events.publish(SUMMARY_ADDED, event(1));
    expect((await first).value.summaryId).toBe("s1");
  });

  it("keeps up with a subscriber that reads as fast as events come, however many", async () => {
    const events = createSummaryEvents(2);
    const it = events.subscribe(SUMMARY_ADDED)[Symbol.asyncIterator]();
    for (let n = 0; n < 1000; n++) {
      const next = it.next();
      events.publish(SUMMARY_ADDED, event(n));
      expect((await next).value.summaryId).toBe(`s${n}`);
    }
  });

  it("ends a subscriber behind with SUBSCRIBER_BEHIND as the subscription's last result", async () => {
    const events = createSummaryEvents(2);
    const subscription = new GraphQLObjectType({
      name: "Subscription",
      fields: { added: { type: GraphQLString, subscribe: () => events.subscribe(SUMMARY_ADDED), resolve: (e: { summaryId: string }) => e.summaryId } },
    });
    const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: "Query", fields: { x: { type: GraphQLString } } }), subscription });
    const results = (await subscribePerEvent({ schema, document: parse("subscription { added }") }, () => ({}))) as AsyncIterableIterator<unknown>;
    const first = results.next();
    await new Promise((r) => setImmediate(r));
    events.publish(SUMMARY_ADDED, event(0));
    expect((await first).value).toEqual({ data: { added: "s0" } });
    for (let n = 1; n <= 3; n++) events.publish(SUMMARY_ADDED, event(n));
    const last = (await results.next()) as IteratorResult<{ errors: Array<{ message: string; extensions: unknown }> }>;
    expect(last.done).toBe(false);
    expect(last.value.errors.map((e: { extensions: unknown }) => e.extensions)).toEqual([{ code: "SUBSCRIBER_BEHIND" }]);
    expect(last.value.errors[0].message).toMatch(/^More than 2 events waited for this subscription to be read/);
    expect(await results.next()).toEqual({ value: undefined, done: true });
  });
});
