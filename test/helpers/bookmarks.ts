// Bookmarks as a test needs them: a genuine one moved ahead, naming a transaction the database has not reached.

/**
 * `bookmark` (Neo4j 5: "FB:" + unpadded base64 of a PackStream list holding the database's 16-byte id and its
 * last transaction id) with that transaction id raised by `ahead`. Only the one-database form a single Neo4j gives.
 */
export function bookmarkAhead(bookmark: string, ahead = 1_000_000): string {
  const [prefix, body] = bookmark.split(":");
  const bytes = Buffer.from(body, "base64");
  // 0x91: a list of one; 0xCC 0x10: 16 bytes follow (the database id); then the transaction id as a PackStream int.
  if (prefix !== "FB" || bytes[0] !== 0x91 || bytes[1] !== 0xcc || bytes[2] !== 0x10) throw new Error(`not a one-database Neo4j 5 bookmark: ${bookmark}`);
  const at = 19;
  const marker = bytes[at];
  let tx: bigint;
  let width: number;
  if (marker < 0x80) [tx, width] = [BigInt(marker), 1];
  else if (marker === 0xc8) [tx, width] = [BigInt(bytes.readInt8(at + 1)), 2];
  else if (marker === 0xc9) [tx, width] = [BigInt(bytes.readInt16BE(at + 1)), 3];
  else if (marker === 0xca) [tx, width] = [BigInt(bytes.readInt32BE(at + 1)), 5];
  else if (marker === 0xcb) [tx, width] = [bytes.readBigInt64BE(at + 1), 9];
  else throw new Error(`no transaction id where expected in ${bookmark}`);
  const raised = Buffer.alloc(9);
  raised[0] = 0xcb;
  raised.writeBigInt64BE(tx + BigInt(ahead), 1);
  return `FB:${Buffer.concat([bytes.subarray(0, at), raised, bytes.subarray(at + width)]).toString("base64").replace(/=+$/, "")}`;
}
