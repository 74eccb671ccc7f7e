// Opaque keyset cursors: base64url of the sort key of the item they point at, never an offset.
import { badUserInput } from "./errors";

const VERSION = "k1";

export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify([VERSION, key]), "utf8").toString("base64url");
}

/** The sort key inside a cursor, or a BAD_USER_INPUT error saying the cursor is not one of ours. */
export function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === VERSION && typeof parsed[1] === "string") {
      return parsed[1];
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`The cursor "${cursor.slice(0, 60)}" is not valid: pass an endCursor from an earlier page.`);
}
