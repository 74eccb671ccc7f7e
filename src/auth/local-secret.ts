// The HS256 secret of a server without a sign-in provider: made once, kept in a file only its owner can read.
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { StartupError } from "../startup-error";

export const LOCAL_SECRET_FILE = "auth-secret";

// 32 random bytes are HS256's full 256-bit key size; base64url keeps the file one printable line of 43 characters.
const SECRET_BYTES = 32;
const MIN_LENGTH = 43;

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** Writes a new secret unless the file exists: it appears whole (by a hard link) or not at all, so racers agree. */
function createSecretFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(draft, `${randomBytes(SECRET_BYTES).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(draft);
  }
}

/** Returns the secret in `dir/auth-secret`, creating the file (mode 0600) when it is missing. Never logs it. */
export function loadOrCreateLocalSecret(dir: string): string {
  const file = path.join(dir, LOCAL_SECRET_FILE);
  let text = readIfPresent(file);
  if (text === undefined) {
    createSecretFile(file);
    text = readFileSync(file, "utf8");
  }
  // A copied file may have kept looser permissions; this secret signs every local identity.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = text.trim();
  if (secret.length < MIN_LENGTH) {
    throw new StartupError(`${file} does not hold a secret written by this server; delete it and start again to make a new one.`);
  }
  return secret;
}
