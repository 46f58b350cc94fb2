// What the bench scripts share about their command line: the repository root, the folder of
// the scripts, and `--name value` options.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, "..");
const args = process.argv.slice(2);
/** The value after `--name`, or `dflt`. */
export const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
/** Whether `--name` was given. */
export const flag = (name) => args.includes(`--${name}`);
