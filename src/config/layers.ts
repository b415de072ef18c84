/**
 * The levels settings are read from (flags, environment, config sections), each answering a key
 * of the settings table with a value and where it came from. src/config/settings.ts picks among them.
 */
import type { Sourced } from "../auth/credentials.js";
import type { Env } from "../core/context.js";
import type { ProfileSettings } from "./schema.js";
import { flagSource, type SettingKey, settingRow } from "./setting-table.js";

/**
 * The values given on the command line, by settings-table key (`projectId`, `requestTimeout` in
 * seconds, …); undefined when not given.
 */
export type SettingFlags = Readonly<Partial<Record<SettingKey, string | number>>>;

/** One level of precedence: answers a settings-table key with a sourced value, or nothing. */
export type Layer = (key: string) => Sourced<string | number> | undefined;

function nonEmpty(value: string | number | undefined): string | number | undefined {
  if (typeof value === "number") return value;
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

export function flagLayer(flags: SettingFlags): Layer {
  return (key) => {
    const row = settingRow(key);
    const value = nonEmpty(flags[key as SettingKey]);
    return value === undefined || row === undefined ? undefined : { value, source: flagSource(row) };
  };
}

export function envLayer(env: Env): Layer {
  return (key) => {
    for (const name of settingRow(key)?.env ?? []) {
      const value = nonEmpty(env[name]);
      if (value !== undefined) return { value, source: name };
    }
    return undefined;
  };
}

export function configLayer(section: ProfileSettings | undefined, filepath: string, prefix: string): Layer {
  return (key) => {
    const value = (section as Record<string, unknown> | undefined)?.[key];
    return typeof value === "string" || typeof value === "number"
      ? { value, source: `${filepath}: ${prefix}${key}` }
      : undefined;
  };
}

/** The first layer's answer for `key`, of any type. */
export function firstValue(layers: Layer[], key: string): Sourced<string | number> | undefined {
  for (const layer of layers) {
    const found = layer(key);
    if (found) return found;
  }
  return undefined;
}

/** The first layer's answer for a setting whose value is text (the config schema makes it so). */
export function firstOf(layers: Layer[], key: string): Sourced<string> | undefined {
  const found = firstValue(layers, key);
  return found && { value: String(found.value), source: found.source };
}
