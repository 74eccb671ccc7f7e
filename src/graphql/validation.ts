// Argument validation for type-graphql: the bounds declared with class-validator, checked once per field of a
// request, not once per parent. A field's arguments are a function of its AST node and the request's variables, so
// the fifty `references(first: 10)` of one nesting level (which share graphql-js's fieldNodes array) are one check.
import type { FieldNode } from "graphql";
import { validateOrReject, ValidatorOptions } from "class-validator";
import { ArgumentValidationError, ValidatorFn } from "type-graphql";

// type-graphql's defaults for class-validator, kept: missing optional properties are not errors, and plain input
// objects are not "unknown values".
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const passed = new WeakMap<readonly FieldNode[], Set<unknown>>();

export const validateArgs: ValidatorFn = async (value, type, { info }) => {
  if (value === null || typeof value !== "object") return;
  const seen = passed.get(info.fieldNodes);
  if (seen?.has(type)) return;
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
  if (seen) seen.add(type);
  else passed.set(info.fieldNodes, new Set([type]));
};
