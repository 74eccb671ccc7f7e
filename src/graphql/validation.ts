// Argument validation for type-graphql: the bounds declared with class-validator, checked once per field of a
// request, not once per parent. A field's arguments are a function of its AST node and the request's variables, so
// the fifty `references(first: 10)` of one nesting level (which share graphql-js's fieldNodes array) are one check;
// and arguments that passed are not checked again in later requests (measured: bench/README.md#eighth-round-the-request-path).
import type { FieldNode } from "graphql";
import { validateOrReject, ValidatorOptions } from "class-validator";
import { ArgumentValidationError, ValidatorFn } from "type-graphql";

// type-graphql's defaults for class-validator, kept: missing optional properties are not errors, and plain input
// objects are not "unknown values".
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

// The check's promise, not its outcome, is shared: the parents of a level call in together, before any check ends.
// Keyed by the argument's type and content too, so two arguments of one field can never share a check.
const checks = new WeakMap<readonly FieldNode[], Map<unknown, Map<string, Promise<void>>>>();

// Arguments that passed, by type, across requests: a check is a function of the type's decorators and the values
// alone (the one bound that moves, the publication year's, only widens), and most requests repeat a few shapes
// (`first: 20`). Bounded: short arguments only (not a summary's text), and a type's set starts over when full.
const passed = new Map<unknown, Set<string>>();
const PASSED_PER_TYPE = 5_000;
const PASSED_MAX_CHARS = 1_000;

export const validateArgs: ValidatorFn = (value, type, { info }) => {
  if (value === null || typeof value !== "object") return;
  const content = JSON.stringify(value);
  let known = passed.get(type);
  if (known?.has(content)) return;
  let byType = checks.get(info.fieldNodes);
  if (!byType) {
    byType = new Map();
    checks.set(info.fieldNodes, byType);
  }
  let byContent = byType.get(type);
  if (!byContent) {
    byContent = new Map();
    byType.set(type, byContent);
  }
  let check = byContent.get(content);
  if (!check) {
    check = validate(value).then(() => {
      if (content.length > PASSED_MAX_CHARS) return;
      if (!known) passed.set(type, (known = new Set()));
      if (known.size >= PASSED_PER_TYPE) known.clear();
      known.add(content);
    });
    byContent.set(content, check);
  }
  return check;
};

async function validate(value: object): Promise<void> {
  try {
    if (Array.isArray(value)) {
      await Promise.all(value.filter((v) => v !== null && typeof v === "object").map((v) => validateOrReject(v, OPTIONS)));
    } else {
      await validateOrReject(value, OPTIONS);
    }
  } catch (err) {
    // What type-graphql's own validation throws, so errors.ts reports it the same way (BAD_USER_INPUT with the fields).
    throw new ArgumentValidationError(err as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}
