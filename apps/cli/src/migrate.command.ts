import { loadConfig, openDatabase } from '@regulars/server';
import { migrate } from '@regulars/db';

export async function commandMigrate(opts: { json?: boolean }) {
  const config = loadConfig();
  const { url, stopEmbedded } = await openDatabase(config);
  try {
    // openDatabase already migrated; run again to report the state.
    const result = await migrate(url);
    if (opts.json) console.log(JSON.stringify(result));
    else console.log(`database schema at version ${result.current ?? 'none'}`);
  } finally {
    await stopEmbedded();
  }
}
