// A request's id: the client's X-Request-Id when it is plain and short, else a fresh UUID, the same each time asked.
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { requestIdOf } from "../../src/http/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function request(headers: IncomingMessage["headers"]): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

describe("requestIdOf", () => {
  it("keeps the client's id when it is plain", () => {
    expect(requestIdOf(request({ "x-request-id": "frontend-7f3a.2_b" }))).toBe("frontend-7f3a.2_b");
    expect(requestIdOf(request({ "x-request-id": "a".repeat(100) }))).toBe("a".repeat(100));
  });

  it.each([
    ["none", undefined],
    ["an empty one", ""],
    ["one over 100 characters", "a".repeat(101)],
    ["one with a space", "a b"],
    ["one with a quote or a brace", '{"x":1}'],
    ["one with a non-ASCII letter", "idé"],
    ["two of them", ["one", "two"]],
  ])("makes a fresh UUID for %s", (_what, given) => {
    expect(requestIdOf(request(given === undefined ? {} : { "x-request-id": given as string }))).toMatch(UUID);
  });

  it("gives one request the same id each time, and two requests two", () => {
    const first = request({});
    expect(requestIdOf(first)).toBe(requestIdOf(first));
    expect(requestIdOf(request({}))).not.toBe(requestIdOf(first));
  });
});
