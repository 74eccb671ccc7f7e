/**
 * A reason the server cannot start that the person starting it can fix (a bad variable, a manifest that does not
 * parse, a secret another instance does not share): main.ts prints its message as one sentence, not a stack trace.
 */
export class StartupError extends Error {}

/** Where a listener was told to listen, and the variables that say so. */
export interface ListenSettings {
  port: number;
  host: string;
  portVariable: string;
  hostVariable: string;
}

/**
 * A listener's failure to start (node's error codes for listen), as the sentence that names the variable to change;
 * any other error as it is. The metrics listener has variables of its own: advice to change PORT would not help it.
 */
export function listenFailure(err: unknown, { port, host, portVariable, hostVariable }: ListenSettings): unknown {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case "EADDRINUSE":
      return new StartupError(`port ${port} is already in use on ${host}; set ${portVariable} to a free port.`);
    case "EACCES":
      return new StartupError(`port ${port} needs privileges this process does not have; set ${portVariable} to a port above 1023.`);
    case "EADDRNOTAVAIL":
      return new StartupError(`${host} is not an address of this machine; set ${hostVariable} to one of its addresses, or 0.0.0.0 for all.`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new StartupError(`${host} does not resolve to an address; set ${hostVariable} to an address, or a name that resolves.`);
    default:
      return err;
  }
}
