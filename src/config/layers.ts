/**
 * The levels settings are read from (flags, environment, config sections), each answering a key
 * with a value and where it came from. src/config/settings.ts picks among them.
 */
import type { Sourced } from "../auth/credentials.js";
import type { Env } from "../core/context.js";
import type { OutputFormat, ProfileSettings } from "./schema.js";
import { flagAttribute, flagName, SETTINGS, type StringSettingKey, settingRow } from "./setting-table.js";

/** The settings whose value is one string, looked up the same way at every layer. */
const STRING_KEYS: Readonly<Record<StringSettingKey, true>> = {
  region: true,
  projectId: true,
  endpoint: true,
  iamEndpoint: true,
  iamProjectId: true,
  domain: true,
  username: true,
  password: true,
  token: true,
  ak: true,
  sk: true,
  securityToken: true,
};

/** Flags that override settings; undefined when not given on the command line. */
export interface SettingFlags {
  profile?: string;
  region?: string;
  project?: string;
  endpoint?: string;
  iamEndpoint?: string;
  iamProject?: string;
  output?: OutputFormat;
  requestTimeoutMs?: number;
}

type StringKey = StringSettingKey;

const STRING_ROWS = SETTINGS.filter((row) => row.key in STRING_KEYS);

/** The environment variables read, in order of preference, from the settings table. */
export const ENV_NAMES: Readonly<Record<StringKey, readonly string[]>> = Object.fromEntries(
  STRING_ROWS.map((row) => [row.key, row.env]),
) as Record<StringKey, readonly string[]>;

/** One level of precedence: answers a key with a sourced value, or nothing. */
export type Layer = (key: StringKey) => Sourced<string> | undefined;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

export function flagLayer(flags: SettingFlags): Layer {
  return (key) => {
    const row = settingRow(key);
    const attribute = row && (flagAttribute(row) as keyof SettingFlags | undefined);
    const value = attribute === undefined ? undefined : nonEmpty(flags[attribute] as string | undefined);
    return value === undefined || row === undefined ? undefined : { value, source: flagName(row) ?? key };
  };
}

export function envLayer(env: Env): Layer {
  return (key) => {
    for (const name of ENV_NAMES[key]) {
      const value = nonEmpty(env[name]);
      if (value !== undefined) return { value, source: name };
    }
    return undefined;
  };
}

export function configLayer(section: ProfileSettings | undefined, filepath: string, prefix: string): Layer {
  return (key) => {
    const value = section?.[key];
    return typeof value === "string" ? { value, source: `${filepath}: ${prefix}${key}` } : undefined;
  };
}

export function firstOf(layers: Layer[], key: StringKey): Sourced<string> | undefined {
  for (const layer of layers) {
    const found = layer(key);
    if (found) return found;
  }
  return undefined;
}
