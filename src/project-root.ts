// The folder holding package.json, found from any file: compiled code runs from dist/, ts-jest from the sources.
import { existsSync } from "node:fs";
import path from "node:path";

function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`No package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
