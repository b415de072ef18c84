import type { Env } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { didYouMean } from "./did-you-mean.js";
import { configLayer, envLayer, firstOf, flagLayer, type SettingFlags } from "./layers.js";
import type { LoadedConfig } from "./load.js";
import type { Sourced } from "./settings.js";

/**
 * Which profile of the config file applies: --profile, else CODEARTS_PROFILE, else the file's
 * top-level defaultProfile (never a profile's own: it would choose itself).
 */
export function chooseProfile(
  flags: SettingFlags,
  env: Env,
  loaded: LoadedConfig | undefined,
): Sourced<string> | undefined {
  const layers = [flagLayer(flags), envLayer(env)];
  if (loaded) layers.push(configLayer(loaded.config, loaded.filepath, ""));
  return firstOf(layers, "defaultProfile");
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
