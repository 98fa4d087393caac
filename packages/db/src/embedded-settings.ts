import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

/**
 * Memory settings of the embedded PostgreSQL, sized to the machine it runs on. PostgreSQL's own
 * defaults (128 MB shared_buffers, 4 MB work_mem) suit a tiny box; at a million members the
 * members' heap and indexes (~900 MB) then never stay in PostgreSQL's cache, and every scattered
 * read of a search becomes a system call.
 *
 * - shared_buffers: a quarter of the memory, at most 4 GB (below 1 GB of memory: the default).
 *   Each GB of it costs ~22 MB of memory even at idle (its buffer descriptors), and 4 GB already
 *   holds the members' table and indexes of ~4 million members;
 * - effective_cache_size: half of the memory (a planner hint: what the OS cache is likely to hold);
 * - maintenance_work_mem: 1/16, between 64 MB and 1 GB (index builds, VACUUM, GIN pending lists);
 *   autovacuum's workers at most 256 MB each;
 * - work_mem: 1/256, between 4 MB and 64 MB (per sort or hash, per connection);
 * - pg_prewarm's autoprewarm: the blocks in shared_buffers are listed every 5 minutes and read
 *   back at the next start, so a restart does not begin with a cold cache.
 *
 * Overrides, through the environment: `REGULARS_PG_MEMORY` sizes for another amount than the
 * machine's (e.g. `4GB`, `512MB`: other services share the box), and `REGULARS_PG_SETTINGS` sets
 * any server setting, winning over the sizing (`shared_buffers=2GB work_mem=16MB`;
 * `shared_preload_libraries=` with nothing after it turns autoprewarm off).
 */
export type EmbeddedSizing = 'machine' | 'default';

const MB = 1024 * 1024;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.floor(v)));

/** Parses `4GB`, `512MB`, `512` (MB) into bytes; throws a message naming the variable. */
export function parseMemory(value: string, name: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(kb|mb|gb|tb)?\s*$/i.exec(value);
  if (!m)
    throw new Error(`${name} must be an amount of memory such as 4GB or 512MB, got "${value}"`);
  const unit = { kb: 1024, mb: MB, gb: 1024 * MB, tb: 1024 * 1024 * MB }[
    (m[2] ?? 'mb').toLowerCase() as 'kb'
  ];
  return Math.floor(Number(m[1]) * unit);
}

/** The memory this process may use: the machine's, or its container's limit when lower. */
export function machineMemory(): number {
  let limit = Infinity;
  for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const n = Number(readFileSync(file, 'utf8').trim());
      if (Number.isFinite(n) && n > 0) limit = Math.min(limit, n);
    } catch {
      // not in a cgroup of that version
    }
  }
  return Math.min(totalmem(), limit);
}

/** Server settings sized for `memoryBytes` of memory. */
export function sizedSettings(memoryBytes: number): Record<string, string> {
  const mb = memoryBytes / MB;
  if (mb < 1024) return {};
  const maintenance = clamp(mb / 16, 64, 1024);
  return {
    shared_buffers: `${clamp(mb / 4, 128, 4096)}MB`,
    effective_cache_size: `${clamp(mb / 2, 512, Infinity)}MB`,
    maintenance_work_mem: `${maintenance}MB`,
    autovacuum_work_mem: `${Math.min(maintenance, 256)}MB`,
    work_mem: `${clamp(mb / 256, 4, 64)}MB`,
    shared_preload_libraries: 'pg_prewarm',
  };
}

/** Parses `REGULARS_PG_SETTINGS`: `name=value` pairs separated by spaces, commas or newlines. */
export function parseSettings(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    const m = /^([a-z_][a-z0-9_.]*)=(.*)$/i.exec(pair);
    if (!m)
      throw new Error(
        `REGULARS_PG_SETTINGS must be name=value pairs such as "shared_buffers=2GB work_mem=16MB", got "${pair}"`,
      );
    out[m[1]!.toLowerCase()] = m[2]!;
  }
  return out;
}

/** The settings the embedded server starts with, as `-c name=value` flags. */
export function embeddedSettings(
  sizing: EmbeddedSizing,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const memory = env.REGULARS_PG_MEMORY
    ? parseMemory(env.REGULARS_PG_MEMORY, 'REGULARS_PG_MEMORY')
    : machineMemory();
  return {
    ...(sizing === 'machine' ? sizedSettings(memory) : {}),
    ...parseSettings(env.REGULARS_PG_SETTINGS),
  };
}

export const settingsFlags = (settings: Record<string, string>): string[] =>
  Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
