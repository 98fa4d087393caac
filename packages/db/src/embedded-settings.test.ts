import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded';
import { embeddedSettings, parseMemory, parseSettings, sizedSettings } from './embedded-settings';

const GB = 1024 ** 3;

describe('embedded PostgreSQL memory settings', () => {
  it('size to the machine: a quarter for shared buffers, capped at 4 GB', () => {
    expect(sizedSettings(24 * GB)).toEqual({
      shared_buffers: '4096MB',
      effective_cache_size: '12288MB',
      maintenance_work_mem: '1024MB',
      autovacuum_work_mem: '256MB',
      work_mem: '64MB',
      shared_preload_libraries: 'pg_prewarm',
    });
    expect(sizedSettings(2 * GB)).toEqual({
      shared_buffers: '512MB',
      effective_cache_size: '1024MB',
      maintenance_work_mem: '128MB',
      autovacuum_work_mem: '128MB',
      work_mem: '8MB',
      shared_preload_libraries: 'pg_prewarm',
    });
    expect(sizedSettings(128 * GB).shared_buffers).toBe('4096MB');
    // Below 1 GB, PostgreSQL's own small defaults.
    expect(sizedSettings(512 * 1024 ** 2)).toEqual({});
  });

  it('follow REGULARS_PG_MEMORY and let REGULARS_PG_SETTINGS win; tests keep the defaults', () => {
    const env = { REGULARS_PG_MEMORY: '4GB', REGULARS_PG_SETTINGS: 'work_mem=16MB, jit=off' };
    expect(embeddedSettings('machine', env)).toMatchObject({
      shared_buffers: '1024MB',
      work_mem: '16MB',
      jit: 'off',
    });
    expect(embeddedSettings('default', env)).toEqual({ work_mem: '16MB', jit: 'off' });
    expect(parseMemory('1.5gb', 'X')).toBe(1.5 * GB);
    expect(parseMemory('512', 'X')).toBe(512 * 1024 ** 2);
  });

  it('refuse malformed overrides, naming the variable and an example', () => {
    expect(() => parseMemory('lots', 'REGULARS_PG_MEMORY')).toThrow(
      /REGULARS_PG_MEMORY must be an amount of memory such as 4GB/,
    );
    expect(() => parseSettings('shared_buffers')).toThrow(/name=value pairs/);
    expect(parseSettings('shared_preload_libraries=')).toEqual({ shared_preload_libraries: '' });
    expect(() => parseSettings('x=1; DROP')).toThrow(/"DROP"/);
  });

  it('start a real server with them: sized for a 2 GB box, one setting overridden', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regulars-sizing-'));
    const env = { REGULARS_PG_MEMORY: '2GB', REGULARS_PG_SETTINGS: 'work_mem=6MB' };
    const server = await startEmbedded(dir, { persistent: false, env });
    try {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        const show = async (name: string) =>
          (await client.query<{ v: string }>('SELECT current_setting($1) AS v', [name])).rows[0]!.v;
        expect(await show('shared_buffers')).toBe('512MB');
        expect(await show('effective_cache_size')).toBe('1GB');
        expect(await show('maintenance_work_mem')).toBe('128MB');
        expect(await show('work_mem')).toBe('6MB');
        // The cache comes back after a restart: pg_prewarm's autoprewarm worker runs.
        expect(await show('pg_prewarm.autoprewarm')).toBe('on');
        await client.query('CREATE EXTENSION pg_prewarm');
        await expect(client.query('SELECT autoprewarm_start_worker()')).rejects.toThrow(
          /already running/,
        );
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
