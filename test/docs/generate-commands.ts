/**
 * `npm run docs`: writes docs/commands.md from the built CLI's --help (see command-reference.ts).
 * npm runs it from the package root, bundled by esbuild (Node 20 cannot run TypeScript itself).
 * test/docs/docs.test.ts fails while the file differs from what this would write.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { builtBinHelp, COMMANDS_MD, commandReference } from "./command-reference.js";

const root = process.cwd();
const { helpOf, close } = await builtBinHelp(root);
try {
  await writeFile(path.join(root, COMMANDS_MD), await commandReference(helpOf));
  process.stdout.write(`wrote ${COMMANDS_MD}\n`);
} finally {
  await close();
}
