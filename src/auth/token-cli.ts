// `npm run token -- --name alice --role contributor [--role curator] [--author] [--expires 7d]`: prints a token
// signed with this server's HS256 secret (the local one, made on first use, or AUTH_HS256_SECRET).
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { AuthConfig, authSettings } from "./auth-settings";
import { signToken } from "./sign-token";
import { isRole, Role, ROLES } from "./viewer";

const USAGE = `usage: npm run -s token -- --name <name> [--role ${ROLES.join("|")}]... [--author] [--expires 7d]`;

/** A mistake of the person at the keyboard: printed as one sentence, without a stack. */
export class TokenCommandError extends Error {}

/** Returns the token for `args` (the words after `--`), or throws a TokenCommandError saying what to change. */
export async function runTokenCommand(args: string[], config: AuthConfig): Promise<string> {
  if (config.AUTH_JWKS_URL) {
    throw new TokenCommandError(
      `Sign-in is delegated to ${config.AUTH_ISSUER} (AUTH_JWKS_URL is set), so this server holds no key to sign with: get a token from that provider.`,
    );
  }
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        name: { type: "string" },
        role: { type: "string", multiple: true, default: [] },
        author: { type: "boolean", default: false },
        expires: { type: "string", default: "7d" },
      },
      strict: true,
    }));
  } catch (err) {
    throw new TokenCommandError(`${(err as Error).message}\n${USAGE}`);
  }
  const name = values.name?.trim();
  if (!name) throw new TokenCommandError(`--name is required: the name the token signs in as.\n${USAGE}`);
  const unknown = values.role.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new TokenCommandError(`Unknown role ${unknown.join(", ")}: the roles are ${ROLES.join(" and ")}.`);
  try {
    return await signToken(authSettings(config), { name, roles: values.role as Role[], author: values.author, expiresIn: values.expires });
  } catch (err) {
    // jose's words for a span it cannot read.
    if (err instanceof TypeError && /time period/i.test(err.message)) {
      throw new TokenCommandError(`--expires ${values.expires} is not a time span: write e.g. 30m, 12h, 7d or 1y.`);
    }
    throw err;
  }
}

if (require.main === module) {
  Promise.resolve()
    .then(() => runTokenCommand(process.argv.slice(2), loadConfig()))
    .then(
      (token) => process.stdout.write(`${token}\n`),
      (err) => {
        process.stderr.write(`token: ${err?.message ?? err}\n`);
        process.exit(1);
      },
    );
}
