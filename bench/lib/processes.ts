// Child processes for the benchmarks: start a server, wait until it answers, measure the memory of
// its whole process tree (node plus the embedded PostgreSQL), and stop it without leaving strays.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from here, as `npm start` does. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'apps/cli/bin/regulars.js');

export type Server = { child: ChildProcess; logFile: string };

/** Spawns `node <args>` from the repository root with `env` added, output to `logFile`. */
export function spawnNode(args: string[], env: Record<string, string>, logFile: string): Server {
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  return { child, logFile };
}

/** Polls `url` until it answers 200; returns the milliseconds since `since` (performance.now()). */
export async function waitFor200(
  url: string,
  server: Server,
  since: number,
  timeoutMs = 60_000,
): Promise<number> {
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`server exited (${server.child.exitCode}):\n${logTail(server)}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs)
      throw new Error(`${url} not ready after ${timeoutMs} ms:\n${logTail(server)}`);
    await sleep(20);
  }
}

/** The end of a server's output, for errors (the folder holding it is removed afterwards). */
export const logTail = (server: Server) =>
  readFileSync(server.logFile, 'utf8').split('\n').slice(-15).join('\n');

export const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

const pids = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
}

/** `root` and all its descendants, from the parent ids in /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of pids()) {
    const stat = readProc(pid, 'stat');
    if (!stat) continue;
    // The command name may hold spaces and parentheses: the fields follow the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

const kb = (text: string | null, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text ?? '')?.[1] ?? 0);

export type Memory = { processes: number; rssMb: number; pssMb: number };

/**
 * Resident memory of a process tree. RSS counts pages shared between PostgreSQL's processes once
 * per process; PSS splits each shared page between its sharers, so its sum is the real footprint.
 */
export function treeMemory(root: number): Memory {
  const tree = processTree(root);
  let rss = 0;
  let pss = 0;
  for (const pid of tree) {
    rss += kb(readProc(pid, 'status'), 'VmRSS');
    pss += kb(readProc(pid, 'smaps_rollup'), 'Pss');
  }
  return { processes: tree.length, rssMb: rss / 1024, pssMb: pss / 1024 };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Processes whose command line mentions `text` (a data folder): strays, once a server stopped. */
export function processesMentioning(text: string): number[] {
  return pids().filter((pid) => pid !== process.pid && readProc(pid, 'cmdline')?.includes(text));
}

/**
 * Stops a server the way an operator does (SIGTERM, then wait), and checks that every process of
 * its tree is gone. Anything left after the grace period is killed and reported as an error.
 */
export async function stopServer(server: Server, graceMs = 30_000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.pid === undefined) return;
  const tree = processTree(child.pid);
  const exited = new Promise((res) => child.once('exit', res));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  const deadline = performance.now() + 5_000;
  while (tree.some(alive) && performance.now() < deadline) await sleep(50);
  const left = tree.filter(alive);
  if (left.length) {
    for (const pid of left) process.kill(pid, 'SIGKILL');
    throw new Error(`processes ${left.join(', ')} survived SIGTERM; killed.\n${logTail(server)}`);
  }
}
