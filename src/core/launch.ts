import { spawn } from "node:child_process";
import type { Env } from "./context.js";

/**
 * Starts a program that outlives us (a browser): detached, its output not ours to show. False when
 * it could not be started. The entry point puts this on the Context; tests inject their own.
 */
export function launchDetached(command: string, args: string[], env: Env): boolean {
  try {
    const child = spawn(command, args, { env: { ...env }, detached: true, stdio: "ignore" });
    child.on("error", () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
