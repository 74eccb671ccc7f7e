// class-validator decorators for bounds that need a little logic: the publication-year window, non-blank text,
// and "differs from another field" (no self-citation).
import { buildMessage, ValidateBy, ValidationOptions } from "class-validator";

export const MIN_YEAR = 1600;

/** Next year, read at validation time so a long-running server moves with the calendar. */
export function maxYear(): number {
  return new Date().getUTCFullYear() + 1;
}

export function IsPublicationYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isPublicationYear",
      validator: {
        validate: (value) => Number.isInteger(value) && value >= MIN_YEAR && value <= maxYear(),
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
