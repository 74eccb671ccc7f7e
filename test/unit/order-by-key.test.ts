import { orderByKey } from "../../src/loaders/order-by-key";

describe("orderByKey", () => {
  const rows = [
    { key: "c", v: 3 },
    { key: "a", v: 1 },
  ];

  it("returns values in key order, with the same length as the keys", () => {
    expect(orderByKey(["a", "b", "c"], rows, (r) => r.key, (r) => r.v, () => null)).toEqual([1, null, 3]);
  });

  it("gives each missing key its own fresh default, so lists are never shared between parents", () => {
    const out = orderByKey(["x", "y"], [] as typeof rows, (r) => r.key, (r) => [r.v], () => [] as number[]);
    expect(out).toEqual([[], []]);
    expect(out[0]).not.toBe(out[1]);
  });

  it("answers repeated keys from the same row", () => {
    expect(orderByKey(["a", "a"], rows, (r) => r.key, (r) => r.v, () => 0)).toEqual([1, 1]);
  });
});
