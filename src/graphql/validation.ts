// Argument validation for type-graphql: the bounds declared with class-validator. A check is a function of the
// argument type's decorators and the values alone (the one bound that moves, the publication year's, only widens), so
// one check serves every field that asks it while it runs (the fifty `references(first: 10)` of one nesting level
// call in together, before any check ends), and arguments that passed are not checked again in later requests
// (measured: bench/README.md#eighth-round-the-request-path).
import { validateOrReject, ValidatorOptions } from "class-validator";
import { ArgumentValidationError, ValidatorFn } from "type-graphql";

// type-graphql's defaults for class-validator, kept: missing optional properties are not errors, and plain input
// objects are not "unknown values".
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

// By type, then content: a check running (its promise), or `true` once it passed. A failed check is forgotten when it
// ends, and so is a long argument's (a summary's text); a type's map starts over when full.
const checks = new Map<unknown, Map<string, Promise<void> | true>>();
const PER_TYPE = 5_000;
const KEPT_MAX_CHARS = 1_000;

export const validateArgs: ValidatorFn = (value, type) => {
  if (value === null || typeof value !== "object") return;
  const content = JSON.stringify(value);
  const byContent = checks.get(type) ?? checks.set(type, new Map()).get(type)!;
  const known = byContent.get(content);
  if (known === true) return;
  if (known) return known;
  if (byContent.size >= PER_TYPE) byContent.clear();
  const check = validate(value);
  byContent.set(content, check);
  check.then(
    () => (content.length > KEPT_MAX_CHARS ? byContent.delete(content) : byContent.set(content, true)),
    () => byContent.delete(content),
  );
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
