/**
 * `npm run docs:settings`: writes the settings table of docs/configuration.md from the settings
 * table in src/config/setting-table.ts (see settings-table.ts).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { CONFIGURATION_MD, withSettingsTable } from "./settings-table.js";

const file = path.join(process.cwd(), CONFIGURATION_MD);
await writeFile(file, withSettingsTable(await readFile(file, "utf8")));
process.stdout.write(`wrote the settings table of ${CONFIGURATION_MD}\n`);
