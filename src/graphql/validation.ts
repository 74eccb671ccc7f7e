// Argument validation for type-graphql: the bounds declared with class-validator, checked once per field of a
// request, not once per parent. A field's arguments are a function of its AST node and the request's variables, so
// the fifty `references(first: 10)` of one nesting level (which share graphql-js's fieldNodes array) are one check.
import type { FieldNode } from "graphql";
import { validateOrReject, ValidatorOptions } from "class-validator";
import { ArgumentValidationError, ValidatorFn } from "type-graphql";

// type-graphql's defaults for class-validator, kept: missing optional properties are not errors, and plain input
// objects are not "unknown values".
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

// The check's promise, not its outcome, is shared: the parents of a level call in together, before any check ends.
// Keyed by the argument's type and content too, so two arguments of one field can never share a check.
const checks = new WeakMap<readonly FieldNode[], Map<unknown, Map<string, Promise<void>>>>();

export const validateArgs: ValidatorFn = (value, type, { info }) => {
  if (value === null || typeof value !== "object") return;
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
  const content = JSON.stringify(value);
  let check = byContent.get(content);
  if (!check) {
    check = validate(value);
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
