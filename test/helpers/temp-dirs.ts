// Directories a test file makes under the system's temp dir, removed once the file's tests are done (jest loads this
// module once per test file, so each file registers its own afterAll).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new, empty directory `<tmp>/<prefix>XXXXXX`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
