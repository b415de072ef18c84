import { Chalk, type ChalkInstance } from "chalk";
import type { ColorLevel } from "../core/terminal.js";

/**
 * The chalk a render colours with, at the level the Terminal decided (src/core/terminal.ts).
 * Nothing here reads `process`.
 */
export type { ColorLevel };

/** The one chalk instance a render uses; never chalk's default export, which reads `process`. */
export function createChalk(level: ColorLevel): ChalkInstance {
  return new Chalk({ level });
}
