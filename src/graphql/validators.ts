// class-validator decorators for bounds that need a little logic: the publication-year window, non-blank text,
// "differs from another field" (no self-citation), "not after another field" (a window's bounds in order), and the id
// forms of papers/paper-ids with the message naming them.
import { buildMessage, Matches, ValidateBy, ValidationArguments, ValidationOptions } from "class-validator";
import { isPublicationYear, MIN_YEAR, maxYear } from "../papers/publication-year";
import { ARXIV_ID, ARXIV_ID_HINT, DOI, DOI_HINT, isPaperId, isPaperName, PAPER_ID_HINT, PAPER_NAME_HINT, SUMMARY_ID, SUMMARY_ID_HINT } from "../papers/paper-ids";


export function IsPublicationYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isPublicationYear",
      validator: {
        validate: (value) => isPublicationYear(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a year from ${MIN_YEAR} to ${maxYear()}`, options),
      },
    },
    options,
  );
}

export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isNotBlank",
      validator: {
        validate: (value) => typeof value === "string" && value.trim().length > 0,
        defaultMessage: buildMessage((each) => `${each}$property must not be empty or only whitespace`, options),
      },
    },
    options,
  );
}

export function IsNotEqualTo(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isNotEqualTo",
      constraints: [property],
      validator: {
        validate: (value, args) => value !== (args?.object as Record<string, unknown>)[property],
        defaultMessage: buildMessage((each) => `${each}$property must differ from $constraint1`, options),
      },
    },
    options,
  );
}

/** A window's lower bound: not greater than `property`, its upper bound, when both are given (either alone is fine). */
export function IsNotAfter(property: string, options?: ValidationOptions): PropertyDecorator {
  const other = (args?: ValidationArguments) => (args?.object as Record<string, unknown> | undefined)?.[property];
  return ValidateBy(
    {
      name: "isNotAfter",
      constraints: [property],
      validator: {
        validate: (value, args) => typeof value !== "number" || typeof other(args) !== "number" || value <= (other(args) as number),
        defaultMessage: (args) => `${args?.property} (${args?.value}) must not be after ${property} (${other(args)}): the window would hold nothing`,
      },
    },
    options,
  );
}

export const IsPaperId = (): PropertyDecorator =>
  ValidateBy({ name: "isPaperId", validator: { validate: (value) => typeof value === "string" && isPaperId(value), defaultMessage: buildMessage((each) => `${each}$property must be ${PAPER_ID_HINT}`) } });

/** Any name of a paper an argument may hold (see isPaperName); the resolver turns it into Paper.id. */
export function IsPaperName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isPaperName",
      validator: {
        validate: (value) => typeof value === "string" && isPaperName(value),
        defaultMessage: buildMessage((each) => `${each}$property must be ${PAPER_NAME_HINT}`, options),
      },
    },
    options,
  );
}

export const IsSummaryId = (): PropertyDecorator => Matches(SUMMARY_ID, { message: `$property must be ${SUMMARY_ID_HINT}` });

export const IsArxivId = (): PropertyDecorator => Matches(ARXIV_ID, { message: `$property must be ${ARXIV_ID_HINT}` });

export const IsDoi = (): PropertyDecorator => Matches(DOI, { message: `$property must be ${DOI_HINT}` });
