// Reads an import file as text whether or not it is gzipped: gzip is told by its magic bytes, not the file name.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pipeline, Readable } from "node:stream";
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

export async function readText(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of contentOf(file)) chunks.push(chunk);
  return stripBom(Buffer.concat(chunks).toString("utf8"));
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
