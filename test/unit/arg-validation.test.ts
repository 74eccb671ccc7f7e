// Argument validation (src/graphql/validation.ts): one check per field of a request, and arguments that passed are
// not checked again in later requests; arguments that failed are, every time.
import "reflect-metadata";
import type { GraphQLResolveInfo } from "graphql";
import { Max, Min, ValidateIf } from "class-validator";
import { ArgumentValidationError } from "type-graphql";
import { validateArgs } from "../../src/graphql/validation";

// Counts how often class-validator looks at an instance: ValidateIf's condition runs once per check.
let looked = 0;
class PageArgs {
  @ValidateIf(() => ++looked > 0)
  @Min(1)
  @Max(100)
  first!: number;
}
class OtherArgs {
  @ValidateIf(() => ++looked > 0)
  @Min(1)
  first!: number;
}

/** A request's field as type-graphql describes it; the check reads none of it, so every call is another request. */
const request = () => ({ info: {} as GraphQLResolveInfo }) as Parameters<typeof validateArgs>[2];
const check = (type: new () => object, first: number, field = request()) =>
  Promise.resolve(validateArgs(Object.assign(new type(), { first }), type, field));

beforeEach(() => {
  looked = 0;
});

it("checks the same arguments of one field once per request, however many parents ask", async () => {
  const field = request();
  await Promise.all([check(PageArgs, 7, field), check(PageArgs, 7, field), check(PageArgs, 7, field)]);
  expect(looked).toBe(1);
});

it("does not check again arguments that passed in an earlier request, and checks new ones", async () => {
  await check(PageArgs, 20);
  await check(PageArgs, 20);
  await check(PageArgs, 20);
  expect(looked).toBe(1);
  await check(PageArgs, 21);
  expect(looked).toBe(2);
  // The same content under another type is another check.
  await check(OtherArgs, 20);
  expect(looked).toBe(3);
});

it("checks long arguments (a summary's text) in every request", async () => {
  class TextArgs {
    @ValidateIf(() => ++looked > 0)
    @Min(1)
    first!: number;
    text!: string;
  }
  const long = () => validateArgs(Object.assign(new TextArgs(), { first: 1, text: "x".repeat(2_000) }), TextArgs, request());
  await long();
  await long();
  expect(looked).toBe(2);
});

it("refuses arguments out of bounds in every request, and never remembers them as passed", async () => {
  for (let i = 0; i < 3; i++) await expect(check(PageArgs, 1000)).rejects.toBeInstanceOf(ArgumentValidationError);
  expect(looked).toBe(3);
  // Valid under OtherArgs (no maximum): still refused under PageArgs.
  await check(OtherArgs, 1000);
  await expect(check(PageArgs, 1000)).rejects.toBeInstanceOf(ArgumentValidationError);
});
