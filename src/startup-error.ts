/**
 * A reason the server cannot start that the person starting it can fix (a bad variable, a manifest that does not
 * parse, a secret another instance does not share): main.ts prints its message as one sentence, not a stack trace.
 */
export class StartupError extends Error {}
