// Opaque keyset cursors, one codec per connection (and per ordering of one): base64url of the JSON array
// [kind, ...key]. The kind says which list a cursor belongs to, so another list refuses it; the key is the sort key
// of the item it points at, never an offset, written as a tuple without field names so cursors stay short.
import { createHash } from "node:crypto";
import type { GraphQLError } from "graphql";
import { z } from "zod";
import { badUserInput } from "./errors";

export interface CursorCodec<K> {
  /** The tag every cursor of this list carries. */
  readonly kind: string;
  /** The list, as error messages name it: "papers ordered by YEAR". */
  readonly list: string;
  encode(key: K): string;
  /** The key inside a cursor of this list, or a BAD_USER_INPUT error saying what is wrong with the cursor. */
  decode(cursor: string): K;
  /** The key an `after` argument holds; no cursor (absent or an explicit null) is the first page. */
  decodeAfter(after: string | null | undefined): K | null;
}

/** The key of a codec declared with `shape`: one field per entry. */
export type CursorKey<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

// Every codec by kind, so a cursor of another list can be named as such, and no two lists share a kind.
const codecs = new Map<string, CursorCodec<unknown>>();

// What every cursor is: a JSON array that starts with its kind.
const ENVELOPE = z.tuple([z.string()], z.unknown());

/**
 * Declares the cursor of one list: its kind (short, unique), the list's name for error messages, and the key's
 * fields with their schemas, in the order they are written. Decoding checks the key against the schemas, since a
 * cursor comes from the client; encoding trusts the server's own values.
 */
export function cursorCodec<Shape extends z.ZodRawShape>(kind: string, list: string, shape: Shape): CursorCodec<CursorKey<Shape>> {
  const taken = codecs.get(kind);
  if (taken) throw new Error(`Cursor kind "${kind}" of ${list} is already the kind of ${taken.list}`);
  const names = Object.keys(shape) as Array<keyof CursorKey<Shape> & string>;
  const values = z.tuple(Object.values(shape) as [z.ZodType, ...z.ZodType[]]);
  const codec: CursorCodec<CursorKey<Shape>> = {
    kind,
    list,
    encode: (key) => Buffer.from(JSON.stringify([kind, ...names.map((name) => key[name])]), "utf8").toString("base64url"),
    decode(cursor) {
      const [tag, ...rest] = envelope(cursor);
      if (tag !== kind) {
        const other = codecs.get(tag);
        if (other) {
          throw badUserInput(
            `The cursor "${shorten(cursor)}" belongs to ${other.list}, not to ${list}: pass an endCursor from an earlier page of the same list.`,
          );
        }
        throw invalid(cursor);
      }
      const parsed = values.safeParse(rest);
      if (!parsed.success) throw invalid(cursor);
      return Object.fromEntries(names.map((name, i) => [name, parsed.data[i]])) as CursorKey<Shape>;
    },
    decodeAfter: (after) => (after == null ? null : codec.decode(after)),
  };
  codecs.set(kind, codec as CursorCodec<unknown>);
  return codec;
}

/**
 * A short digest of an argument a list's items or order depend on besides its kind (Paper.related's paper and weights,
 * search's words, papers' filter), for the list's cursors to carry beside the key: a cursor made for other arguments
 * would start a page at a key of another list, so `afterInScope` compares the digests and refuses it with
 * `foreignCursor`. Eight base64url characters (48 bits).
 */
export function cursorDigest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 8);
}

/**
 * A list's scope (its arguments' cursorDigests), made when a cursor is first decoded or encoded: a page whose
 * cursors nobody passes or selects hashes nothing (two SHA-256 per search request were 0.7% of the server's CPU).
 */
export function lazyScope<S>(make: () => S): () => S {
  let scope: S | undefined;
  return () => (scope ??= make());
}

/**
 * The key an `after` cursor of a scoped list holds, without its scope fields; null for no cursor. A scoped list's key
 * has a field per argument its cursors are bound to, holding that argument's `cursorDigest` (the list encodes its
 * cursors with `scope` spread into the key). A cursor whose field differs from `scope`'s is refused with
 * `foreignCursor`, `whose` naming, per field, the list it was made for ("the related papers of another paper"). The
 * kind is checked first, by the codec, so a cursor of another ordering or list is named as such.
 */
export function afterInScope<K extends Record<F, string>, F extends string>(
  codec: CursorCodec<K>,
  after: string | null | undefined,
  scopeOf: () => Readonly<Record<F, string>>,
  whose: Readonly<Record<F, string>>,
): KeyWithout<K, F> | null {
  const key = codec.decodeAfter(after);
  if (key === null) return null;
  const rest: Record<string, unknown> = { ...key };
  const scope = scopeOf();
  for (const field of Object.keys(scope) as F[]) {
    if (key[field] !== scope[field]) throw foreignCursor(after as string, whose[field]);
    delete rest[field];
  }
  return rest as KeyWithout<K, F>;
}

/** A key without its scope fields; over each member of a union of keys (one codec of several orderings) on its own. */
type KeyWithout<K, F extends string> = K extends unknown ? Omit<K, F> : never;

/** BAD_USER_INPUT for a cursor of this list made for other arguments; `whose` says which ("... of another paper"). */
export function foreignCursor(cursor: string, whose: string): GraphQLError {
  return badUserInput(`The cursor "${shorten(cursor)}" belongs to ${whose}: pass an endCursor from an earlier page of the same list.`);
}

function envelope(cursor: string): [string, ...unknown[]] {
  try {
    const parsed = ENVELOPE.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: fall through to the error below
  }
  throw invalid(cursor);
}

function invalid(cursor: string) {
  return badUserInput(`The cursor "${shorten(cursor)}" is not valid: pass an endCursor from an earlier page.`);
}

function shorten(cursor: string): string {
  return cursor.slice(0, 60);
}
