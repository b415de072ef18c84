/**
 * A small cache on disk for what authentication fetches from IAM (a password's token, the IAM
 * project id of a region), so that the next run does not ask again. One JSON file per entry in
 * `$XDG_CACHE_HOME/codearts-run` (else `$HOME/.cache/codearts-run`): directory 0700, files 0600,
 * written atomically. File names are a SHA-256 of the key, so no user, account or key id shows in
 * them. The cache is a convenience: an unreadable or corrupt file is a miss, a failed write is
 * ignored, and without a home directory entries live in memory for the session only.
 *
 * A key names the credential that produced the entry by its `fingerprint`: an HMAC under a random
 * key kept in the same directory, so a changed or wrong secret never finds the old entry, and no
 * file holds the secret or a plain hash of it (which a password list could be tried against).
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { Env } from "../core/context.js";

export interface CacheEntry {
  value: string;
  /** Epoch ms after which the entry is not used; absent: it does not expire. */
  expiresAt?: number;
}

export interface TokenCache {
  /** The entry, unless it is missing, unreadable or expired. */
  get(key: readonly string[]): Promise<CacheEntry | undefined>;
  set(key: readonly string[], entry: CacheEntry): Promise<void>;
  delete(key: readonly string[]): Promise<void>;
  /** A keyed hash of `secret` for use in a key: stable across runs, useless without the cache's key. */
  fingerprint(secret: string): Promise<string>;
}

const DIRECTORY_NAME = "codearts-run";
const FILE_VERSION = 1;
/** The HMAC key of `fingerprint`, 32 random bytes. */
const FINGERPRINT_KEY_FILE = "fingerprint.key";
const FINGERPRINT_KEY_BYTES = 32;

/** The cache directory for this environment; undefined when there is no home to put it in. */
export function cacheDirectory(env: Env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, DIRECTORY_NAME);
  return env.HOME ? join(env.HOME, ".cache", DIRECTORY_NAME) : undefined;
}

export function cacheFileName(key: readonly string[]): string {
  return `${createHash("sha256").update(JSON.stringify(key)).digest("hex")}.json`;
}

function parseEntry(text: string): CacheEntry | undefined {
  try {
    const data = JSON.parse(text) as { version?: unknown; value?: unknown; expiresAt?: unknown };
    if (data.version !== FILE_VERSION || typeof data.value !== "string" || data.value === "")
      return undefined;
    if (data.expiresAt === undefined) return { value: data.value };
    return typeof data.expiresAt === "number" ? { value: data.value, expiresAt: data.expiresAt } : undefined;
  } catch {
    return undefined;
  }
}

async function writeAtomically(directory: string, name: string, text: string | Buffer): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory as it was, and the umask may have narrowed a new one.
  await chmod(directory, 0o700);
  const target = join(directory, name);
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    // "wx": never write through a file or link that is already there.
    await writeFile(temporary, text, { mode: 0o600, flag: "wx" });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export function openTokenCache(options: { env: Env; now: () => number }): TokenCache {
  const directory = cacheDirectory(options.env);
  const memory = new Map<string, CacheEntry>();
  const isLive = (entry: CacheEntry) => entry.expiresAt === undefined || options.now() < entry.expiresAt;

  async function readFromDisk(name: string): Promise<CacheEntry | undefined> {
    if (directory === undefined) return undefined;
    try {
      return parseEntry(await readFile(join(directory, name), "utf8"));
    } catch {
      return undefined;
    }
  }

  /** The directory's key, made on first use; in memory only (entries then match this session only) without one. */
  async function loadFingerprintKey(): Promise<Buffer> {
    if (directory === undefined) return randomBytes(FINGERPRINT_KEY_BYTES);
    const file = join(directory, FINGERPRINT_KEY_FILE);
    const existing = await readFile(file).catch(() => undefined);
    if (existing?.length === FINGERPRINT_KEY_BYTES) return existing;
    const fresh = randomBytes(FINGERPRINT_KEY_BYTES);
    await writeAtomically(directory, FINGERPRINT_KEY_FILE, fresh).catch(() => undefined);
    return fresh;
  }
  let fingerprintKey: Promise<Buffer> | undefined;

  return {
    async fingerprint(secret) {
      fingerprintKey ??= loadFingerprintKey();
      return createHmac("sha256", await fingerprintKey)
        .update(secret, "utf8")
        .digest("hex");
    },
    async get(key) {
      const name = cacheFileName(key);
      const entry = memory.get(name) ?? (await readFromDisk(name));
      return entry && isLive(entry) ? entry : undefined;
    },
    async set(key, entry) {
      const name = cacheFileName(key);
      memory.set(name, entry);
      if (directory === undefined) return;
      const text = JSON.stringify({ version: FILE_VERSION, ...entry });
      await writeAtomically(directory, name, text).catch(() => undefined);
    },
    async delete(key) {
      const name = cacheFileName(key);
      memory.delete(name);
      if (directory !== undefined) await rm(join(directory, name), { force: true }).catch(() => undefined);
    },
  };
}
