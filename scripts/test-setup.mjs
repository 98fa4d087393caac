#!/usr/bin/env node
// Makes sure the Debian packages that the test suite uses are on this machine: Chromium and the
// CJK fonts (browser tests), Kannel (SMS tests) and PostgreSQL 15 (CI's second database run).
// As root with apt-get available it installs whatever is missing; otherwise it stops and prints
// the command to run. When everything is there it costs one dpkg-query call and prints one line.
//
// REGULARS_SYSTEM_PACKAGES (space-separated) replaces the package list, e.g. to try this script.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEFAULT_PACKAGES = ['chromium', 'fonts-noto-cjk', 'kannel', 'kannel-extras', 'postgresql-15'];

const packages = process.env.REGULARS_SYSTEM_PACKAGES
  ? process.env.REGULARS_SYSTEM_PACKAGES.split(/[\s,]+/).filter(Boolean)
  : DEFAULT_PACKAGES;

/** Packages of `names` that dpkg does not report as installed. */
function missingPackages(names) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Package}\t${Status}\n', ...names], {
    encoding: 'utf8',
  });
  if (res.error) {
    console.error(
      `test-setup: cannot run dpkg-query (${res.error.code ?? res.error.message}); ` +
        `this machine is not Debian-based. Install these packages yourself: ${names.join(' ')}`,
    );
    process.exit(1);
  }
  // Unknown packages are absent from stdout (dpkg-query exits 1 and says so on stderr).
  const installed = new Set();
  for (const line of res.stdout.split('\n')) {
    const [name, status] = line.split('\t');
    if (status === 'install ok installed') installed.add(name.split(':')[0]);
  }
  return names.filter((n) => !installed.has(n));
}

function run(cmd, args, env = process.env) {
  console.log(`test-setup: $ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

const missing = missingPackages(packages);
if (missing.length === 0) {
  console.log(`test-setup: system packages present (${packages.join(', ')})`);
  process.exit(0);
}

const installCmd = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

if (!isRoot || !hasApt) {
  const why = !hasApt ? 'apt-get is not available' : 'not running as root';
  console.error(`test-setup: missing system packages: ${missing.join(' ')}`);
  console.error(`test-setup: cannot install them here (${why}). Run:`);
  console.error(`  sudo sh -c '${installCmd}'`);
  process.exit(1);
}

console.log(`test-setup: missing system packages: ${missing.join(' ')}; installing with apt-get`);
const started = Date.now();
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
if (run('apt-get', ['update'], aptEnv) !== 0) {
  console.error(`test-setup: apt-get update failed. Run by hand:\n  ${installCmd}`);
  process.exit(1);
}
const status = run(
  'apt-get',
  ['install', '-y', '--no-install-recommends', '-o', 'Dpkg::Use-Pty=0', ...missing],
  aptEnv,
);
const still = missingPackages(packages);
if (status !== 0 || still.length > 0) {
  console.error(
    `test-setup: installing failed (apt-get exit ${status}); still missing: ${still.join(' ') || '-'}`,
  );
  console.error(`test-setup: run by hand:\n  ${installCmd}`);
  process.exit(1);
}
console.log(
  `test-setup: installed ${missing.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
