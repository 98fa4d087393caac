import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `regulars start` as the crash test runs it: a real server process on the test's database,
// with its worker, that the test can SIGKILL and start again.
const script = fileURLToPath(new URL('./pos-crash-server.fixture.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../../../', import.meta.url));

export type Server = { url: string; kill(): Promise<void> };

const children = new Set<Server>();
/** Kills every server process this file started, running or waiting. */
export const killAll = () => Promise.all([...children].map((c) => c.kill()));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** A server process, loaded and waiting: `start` starts it and waits until it answers. */
export type Standby = { start(): Promise<Server> };

/** Loads a server process on the test's database (resolves once loaded); `kill` is SIGKILL. */
export async function standby(opts: { databaseUrl: string; secret: string }): Promise<Standby> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'regulars-crash-'));
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      REGULARS_SECRET: opts.secret,
      REGULARS_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const loaded = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    url,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
      children.delete(server);
    },
  };
  children.add(server);
  await Promise.race([loaded, exited]);
  return {
    async start() {
      child.stdin!.write('go\n');
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`regulars start exited: ${log}`);
        if (Date.now() > deadline) throw new Error(`regulars start did not answer in 30 s: ${log}`);
        const up = await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) return server;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
