// class-validator decorators for bounds that need a little logic: the publication-year window, non-blank text, a
// length in UTF-16 code units, "differs from another field" (no self-citation), "not after another field" (a window's
// bounds in order), and the id forms of papers/paper-ids with the message naming them.
import { buildMessage, Matches, ValidateBy, ValidationArguments, ValidationOptions } from "class-validator";
import { isPublicationYear, MIN_YEAR, maxYear } from "../papers/publication-year";
import {
  ARXIV_ID,
  ARXIV_ID_HINT,
  arxivPaperId,
  DOI,
  DOI_HINT,
  doiKey,
  doiOfPaperId,
  doiPaperId,
  isPaperId,
  isPaperName,
  PAPER_ID_HINT,
  PAPER_NAME_HINT,
  parsePaperRef,
  SUMMARY_ID,
  SUMMARY_ID_HINT,
} from "../papers/paper-ids";


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

/**
 * At most `max` UTF-16 code units, what JavaScript's `length` counts: a bound on what a string costs to hold, index
 * and send (at most 3 bytes of UTF-8 each). class-validator's MaxLength counts a surrogate pair, and a character with
 * its variation selector, as one: a body of 100,000 by its count could be 300,000 units, 700 kB of UTF-8.
 */
export function MaxCodeUnits(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "maxCodeUnits",
      constraints: [max],
      validator: {
        validate: (value) => typeof value === "string" && value.length <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be at most ${max.toLocaleString("en")} characters (UTF-16 code units: an emoji counts 2 or more)`,
          options,
        ),
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

/**
 * A paper id that lookups find the paper by (upsertPaper's). Every lookup reads an id spelling an arXiv id or a DOI
 * (`arxiv:1512.03385`, `hep-th/9901001`, an arxiv.org or doi.org URL) as that identifier (parsePaperRef), so a paper
 * under it would be found only if it also held the identifier: refused, with the id and field to use instead. The
 * exception is `doi:<DOI>`, the id stubs and imports give a paper first seen by its DOI: the paper holds that DOI (the
 * writer gives it one holding none, and refuses one holding another: PaperWriteRepository.upsertPaper), so the input's
 * `doi` may repeat it or leave it out, not change it or clear it. Other id problems are IsPaperId's.
 */
export function IsFindablePaperId(doiProperty: string): PropertyDecorator {
  const problem = (value: unknown, object: object): string | null => {
    if (typeof value !== "string" || !isPaperId(value)) return null;
    const ref = parsePaperRef(value);
    if (ref.kind === "id") return null;
    const named = doiOfPaperId(value);
    const doi = (object as Record<string, unknown>)[doiProperty];
    if (named !== null) {
      return doi === undefined || (typeof doi === "string" && doiKey(doi) === named)
        ? null
        : `$property ${value} names the paper holding DOI ${named}: ${doiProperty} must be that DOI or left out`;
    }
    return ref.kind === "arxiv"
      ? `$property ${value} reads as arXiv id ${ref.value}, and paper(id:) would look it up as one, not find this paper: use the id ${arxivPaperId(ref.value)} and give arxivId "${ref.value}"`
      : `$property ${value} reads as DOI ${ref.value}, and paper(id:) would look it up as one, not find this paper: use the id ${doiPaperId(doiKey(ref.value))} (or another paper id) and give ${doiProperty} "${ref.value}"`;
  };
  return ValidateBy({
    name: "isFindablePaperId",
    validator: {
      validate: (value, args) => problem(value, args?.object ?? {}) === null,
      defaultMessage: (args) => problem(args?.value, args?.object ?? {}) ?? "$property must be a paper id lookups find",
    },
  });
}

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
