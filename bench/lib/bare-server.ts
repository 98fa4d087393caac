// The reference the benchmarks compare Regulars with: a bare Fastify app (no logger, no plugins)
// answering GET /hello and GET /api/health. With REGULARS_DATA_DIR set it first starts the same
// embedded PostgreSQL that Regulars uses, so that startup and memory have a floor to compare with.
// Run as its own process: `PORT=3999 node --import tsx bench/lib/bare-server.ts`.
import { startEmbedded } from '@regulars/db';
import Fastify from 'fastify';

const dataDir = process.env.REGULARS_DATA_DIR;
const database = dataDir ? await startEmbedded(dataDir) : null;

const app = Fastify();
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/api/health', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  await database?.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
