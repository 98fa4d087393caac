// A server process for the crash test: `regulars start` (apps/cli), loaded ahead of time and
// started when the test writes a line on stdin, so that a restart after a kill costs what a
// start costs rather than the loading of the TypeScript sources. Configured by the environment.
import { commandStart } from '../../../../../cli/src/start.command';

process.stdout.write('loaded\n');
process.stdin.once('data', () => {
  process.stdin.pause();
  void commandStart({ worker: true });
});
