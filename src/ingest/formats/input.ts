// Reads an import file as text whether or not it is gzipped: gzip is told by its magic bytes, not the file name.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pipeline, Readable } from "node:stream";
import { TextDecoder } from "node:util";
import { createGunzip } from "node:zlib";
import { ImportFormatError } from "./import-record";

const GZIP_MAGIC = [0x1f, 0x8b];

export async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/**
 * The file's bytes, decompressed if gzipped. A reader that stops early (format detection reads a few kB) gets the
 * file closed before it goes on: destroying only the gunzip stream would leave the file stream under it, and its
 * descriptor, open.
 */
async function* contentOf(file: string): AsyncGenerator<Buffer> {
  const gzipped = await isGzip(file);
  const raw = createReadStream(file);
  // Unlike pipe, pipeline hands a read error of the file on to the gunzip stream, where the reader sees it.
  const stream = gzipped ? pipeline(raw, createGunzip(), () => {}) : raw;
  try {
    yield* stream;
  } catch (err) {
    // zlib's own words ("unexpected end of file") name no file, and are no reason to stop the other files.
    throw gzipped && isZlibError(err) ? new ImportFormatError(file, `is a damaged or truncated gzip file (${(err as Error).message})`) : err;
  } finally {
    stream.destroy();
    raw.destroy();
    await closed(raw);
  }
}

function isZlibError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && code.startsWith("Z_");
}

/**
 * Reads a gzipped file through once, so that a damaged or truncated one is refused before anything of it is
 * imported, not half-way through (docs/importing.md says what it costs). A plain file has nothing to check.
 */
export async function checkGzip(file: string): Promise<void> {
  if (!(await isGzip(file))) return;
  const content = contentOf(file);
  while (!(await content.next()).done);
}

/**
 * Resolves once a destroyed stream has closed (its file too). Not events.once, which rejects when the stream was
 * destroyed with an error, as pipeline destroys the file stream when the gunzip stream stops early.
 */
function closed(stream: Readable): Promise<void> {
  return stream.closed ? Promise.resolve() : new Promise((resolve) => stream.once("close", () => resolve()));
}

/** The first `bytes` bytes of the (decompressed) content, for sniffing the format; a leading BOM removed. */
export async function head(file: string, bytes = 4096): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of contentOf(file)) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= bytes) break;
  }
  return stripBom(Buffer.concat(chunks).subarray(0, bytes).toString("utf8"));
}

/**
 * The whole (decompressed) content as text, a leading BOM removed. UTF-8 is decoded strictly: a byte that is not
 * UTF-8 is never turned into U+FFFD ("J\ufffdrgen"). Content that is not UTF-8 is decoded in the encoding
 * `declared` finds in it (a TextDecoder label), else the file is refused, naming the line of the first bad byte.
 */
export async function readText(file: string, declared?: (content: Buffer) => string | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of contentOf(file)) chunks.push(chunk);
  const content = Buffer.concat(chunks);
  // UTF-8 first, even where a header names another encoding: files get converted without their header being
  // updated, and text in another encoding is seldom valid UTF-8 by chance.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    // not UTF-8: see what the file declares
  }
  const notUtf8 = `is not UTF-8 (line ${firstBadLine(content)})`;
  const encoding = declared?.(content);
  if (encoding === undefined) throw new ImportFormatError(file, `${notUtf8} and declares no other encoding`);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new ImportFormatError(file, `${notUtf8} and declares the encoding "${encoding}", which is not one the importer knows`);
  }
  try {
    const text = decoder.decode(content);
    return decoder.encoding === "windows-1252" ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
  } catch {
    throw new ImportFormatError(file, `${notUtf8} and is not valid in the encoding it declares, "${encoding}", either`);
  }
}

/**
 * Windows-1252's characters for the bytes 0x80-0x9F (WHATWG's index), which Node from 20.18.3 decodes as the C1
 * controls U+0080-U+009F, as ISO-8859-1 would (nodejs/node#56542, #60888): 0x92 became U+0092, not a quote. WHATWG
 * reads the latin1 labels (JabRef's ISO8859_1) as windows-1252 too. With a fixed Node the mapping changes nothing:
 * the only C1 controls left are the five bytes windows-1252 leaves undefined, which stay themselves here.
 */
const WINDOWS_1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** The line of the first byte that is not UTF-8 (the first U+FFFD of a lenient decoding). */
function firstBadLine(content: Buffer): number {
  const text = content.toString("utf8");
  return text.slice(0, text.indexOf("\ufffd")).split("\n").length;
}

export interface Line {
  /** 1-based, counting empty lines, so it matches an editor's line number. */
  number: number;
  text: string;
}

/** Non-empty lines with their line numbers. */
export async function* lines(file: string): AsyncGenerator<Line> {
  const input = Readable.from(contentOf(file));
  const rl = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of rl) {
      number += 1;
      const text = number === 1 ? stripBom(line) : line;
      if (text.trim() !== "") yield { number, text };
    }
  } finally {
    // A reader that stops early (format detection) must not leave the file open.
    rl.close();
    input.destroy();
    await closed(input);
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
