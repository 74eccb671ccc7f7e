// The POST /graphql lane runs the handlers it is given as express's router would run them: the same answers for the
// same handlers, errors to the handlers of four arguments, throws and rejections as errors, express's final handler
// past the last one. The app here marks what its router ran, so a test can tell which of the two answered. Both ways
// of getting express's prototypes are run: born with them (a server made with messageClasses()), and switched per
// request (a server made without them).
import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { ErrorRequestHandler, Express, RequestHandler } from "express";
import { Handler, messageClasses, withGraphQLPostLane } from "../../src/http/graphql-post-lane";

// What a request asks of the handlers below, in its x-case header.
const step: RequestHandler = (req, res, next) => {
  res.setHeader("x-step", `${req.app === undefined ? "no app" : "app"} ${req.ip}`);
  // Whether the request's own prototype is the app's (switched, as express does) or a class's born with it.
  const app = req.app as Express;
  res.setHeader("x-switched", String(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response));
  res.setHeader("x-app", String(req.app.get("name")));
  next();
};
const fail: RequestHandler = async (req, _res, next) => {
  const which = req.headers["x-case"];
  if (which === "throw") throw new Error("thrown");
  if (which === "reject") return Promise.reject(new Error("rejected"));
  if (which === "reject-empty") return Promise.reject(undefined);
  if (which === "next-error") return next(Object.assign(new Error("passed on"), { status: 418 }));
  if (which === "route" || which === "router") return next(which);
  next();
};
const passedBy: RequestHandler = (_req, res, next) => {
  res.setHeader("x-passed", "yes");
  next();
};
const answer: RequestHandler = (req, res, next) => {
  if (req.headers["x-case"] === "fall-through") return next();
  res.status(200).json({ answered: req.originalUrl, locals: typeof res.locals });
};
const errors: ErrorRequestHandler = (err, _req, res, _next) => {
  res.status(typeof err?.status === "number" ? err.status : 500).json({ error: err instanceof Error ? err.message : String(err) });
};

/** A server for `app`'s lane, made with the lane's classes when `born` and without them otherwise. */
function laneServer(app: Express, handlers: Handler[], born: boolean): http.Server {
  const classes = messageClasses();
  return http.createServer(born ? classes : {}, withGraphQLPostLane(app, handlers, classes));
}

/** Listens on a free port; the base URL. */
const listen = async (s: http.Server) => {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};

describe.each([
  ["switches the prototypes per request (a server made without the classes)", false],
  ["takes requests born with the prototypes", true],
])("the POST /graphql lane that %s", (_how, born) => {
  let server: http.Server;
  let base: string;
  let other: http.Server;

  beforeAll(async () => {
    const app = express();
    app.set("name", "first");
    app.disable("x-powered-by");
    // Only the router runs this: an answer without the header came through the lane.
    app.use((_req, res, next) => {
      res.setHeader("x-router", "yes");
      next();
    });
    // After an error only the error handler runs; without one, only the others.
    const handlers: Handler[] = [step, fail, passedBy, errors, answer];
    app.use("/graphql", ...handlers);
    server = laneServer(app, handlers, born);
    base = await listen(server);
    // A second app in the same process, with its own classes: each server's requests carry their own app.
    const second = express();
    second.set("name", "second");
    other = laneServer(second, [step, answer], born);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (other.listening) await new Promise<void>((resolve) => other.close(() => resolve()));
  });

  const send = async (path: string, method: string, which?: string) => {
    const res = await fetch(base + path, { method, headers: which ? { "x-case": which } : {}, body: method === "POST" ? "{}" : undefined });
    const headers = (name: string) => res.headers.get(name);
    return { status: res.status, router: headers("x-router"), step: headers("x-step"), passed: headers("x-passed"), body: await res.text() };
  };

  it(`${born ? "leaves the prototypes of a request born with them" : "switches the prototypes"}; the router switches them`, async () => {
    const lane = await fetch(base + "/graphql", { method: "POST", body: "{}" });
    expect([lane.status, lane.headers.get("x-switched"), lane.headers.get("x-app")]).toEqual([200, String(!born), "first"]);
    // express's app.handle switches every request's prototypes, born with them or not.
    const router = await fetch(base + "/graphql/", { method: "POST", body: "{}" });
    expect([router.status, router.headers.get("x-router"), router.headers.get("x-switched")]).toEqual([200, "yes", "true"]);
    const second = await fetch((await listen(other)) + "/graphql", { method: "POST", body: "{}" });
    expect([second.status, second.headers.get("x-switched"), second.headers.get("x-app")]).toEqual([200, String(!born), "second"]);
  });

  it("takes POST /graphql only; every other request goes through the router", async () => {
    expect((await send("/graphql", "POST")).router).toBeNull();
    for (const [path, method] of [["/graphql", "GET"], ["/graphql/", "POST"], ["/graphql?x=1", "POST"], ["/other", "POST"]]) {
      expect((await send(path, method)).router).toBe("yes");
    }
  });

  it.each([undefined, "throw", "reject", "reject-empty", "next-error", "fall-through", "route", "router"])("answers as the router does (case %s)", async (which) => {
    const lane = await send("/graphql", "POST", which);
    const router = await send("/graphql/", "POST", which);
    expect(lane.router).toBeNull();
    // Sent to /graphql/ to take the router: the path in the answers is the one thing that may differ.
    expect({ ...lane, router: "yes" }).toEqual({ ...router, body: router.body.replace("/graphql/", "/graphql") });
    expect(lane.step).toBe("app 127.0.0.1");
  });

  it("passes errors to the handlers of four arguments only, and ends with express's final handler", async () => {
    expect(await send("/graphql", "POST")).toMatchObject({ status: 200, passed: "yes", body: JSON.stringify({ answered: "/graphql", locals: "object" }) });
    expect(await send("/graphql", "POST", "throw")).toMatchObject({ status: 500, passed: null, body: JSON.stringify({ error: "thrown" }) });
    expect(await send("/graphql", "POST", "reject")).toMatchObject({ status: 500, passed: null, body: JSON.stringify({ error: "rejected" }) });
    expect(await send("/graphql", "POST", "reject-empty")).toMatchObject({ status: 500, passed: null, body: JSON.stringify({ error: "Rejected promise" }) });
    expect(await send("/graphql", "POST", "next-error")).toMatchObject({ status: 418, passed: null, body: JSON.stringify({ error: "passed on" }) });
    const past = await send("/graphql", "POST", "fall-through");
    expect(past.status).toBe(404);
    expect(past.body).toContain("Cannot POST /graphql");
    // next("route") is no error here (handlers mounted with app.use); next("router") leaves for the final handler.
    expect(await send("/graphql", "POST", "route")).toMatchObject({ status: 200, passed: "yes" });
    expect(await send("/graphql", "POST", "router")).toMatchObject({ status: 404, passed: null });
  });
});

describe("messageClasses", () => {
  it("are one server's: a pair given to a second app is refused, whichever of the two is linked", () => {
    const classes = messageClasses();
    withGraphQLPostLane(express(), [], classes);
    expect(() => withGraphQLPostLane(express(), [], classes)).toThrow(/already serve an express app/);
    const responseLinked = { ...messageClasses(), ServerResponse: classes.ServerResponse };
    expect(() => withGraphQLPostLane(express(), [], responseLinked)).toThrow(/already serve an express app/);
  });
});
