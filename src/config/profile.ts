import type { Env } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { didYouMean } from "./did-you-mean.js";
import type { LoadedConfig } from "./load.js";
import type { SettingFlags, Sourced } from "./settings.js";

const nonEmpty = (value: string | undefined) => value !== undefined && value.trim() !== "";

/** Which profile of the config file applies: --profile, else CODEARTS_PROFILE, else the file's defaultProfile. */
export function chooseProfile(
  flags: SettingFlags,
  env: Env,
  loaded: LoadedConfig | undefined,
): Sourced<string> | undefined {
  return (
    (nonEmpty(flags.profile) && { value: flags.profile as string, source: "--profile" }) ||
    (nonEmpty(env.CODEARTS_PROFILE) && {
      value: env.CODEARTS_PROFILE as string,
      source: "CODEARTS_PROFILE",
    }) ||
    (loaded?.config.defaultProfile !== undefined
      ? { value: loaded.config.defaultProfile, source: `${loaded.filepath}: defaultProfile` }
      : undefined)
  );
}

/** The chosen profile, or a usage error naming the known ones when the file has no such profile. */
export function requireKnownProfile(
  chosen: Sourced<string>,
  loaded: LoadedConfig | undefined,
): Sourced<string> {
  const known = Object.keys(loaded?.config.profiles ?? {});
  if (!known.includes(chosen.value)) {
    throw new UsageError(
      `profile "${chosen.value}" (${chosen.source}) is not in ${loaded ? loaded.filepath : "any config file (none was found)"}${didYouMean(chosen.value, known)}`,
      known.length > 0 ? `known profiles: ${known.join(", ")}` : "add it under `profiles:` in .codeartsrc",
    );
  }
  return chosen;
}
