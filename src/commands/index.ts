import type { CommandDefinition } from "../command-kit/define-command.js";
import { authCheckCommand } from "./auth-check.js";
import { completePipelinesCommand, completeProfilesCommand, completionCommand } from "./completion.js";
import { configShowCommand } from "./config-show.js";
import { demoCommand } from "./demo.js";
import { logsCommand } from "./logs.js";
import { runCommand } from "./run.js";
import { runsCommand } from "./runs.js";
import { simulateCommand } from "./simulate.js";
import { statusCommand } from "./status.js";
import { stopCommand } from "./stop.js";

/** Every command, in the order `--help` lists them. Adding a command is a file here and a line below. */
export const COMMANDS: readonly CommandDefinition[] = [
  statusCommand,
  runCommand,
  stopCommand,
  configShowCommand,
  authCheckCommand,
  runsCommand,
  logsCommand,
  completionCommand,
  completePipelinesCommand,
  completeProfilesCommand,
  simulateCommand,
  demoCommand,
];

/** The descriptions of command groups (`config`, `auth`). */
export const GROUPS: Readonly<Record<string, string>> = {
  config: "inspect the settings codearts-run will use",
  auth: "check credentials",
};
