import { Command } from 'commander';
import { commandBench } from './bench.command';
import { commandDemo } from './demo.command';
import { commandImport } from './import.command';
import { commandMigrate } from './migrate.command';
import { commandStart, commandWorker } from './start.command';

const program = new Command()
  .name('regulars')
  .description('Regulars (熟客): membership marketing and management')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'run the server, admin console and worker (embedded database unless DATABASE_URL is set)',
  )
  .option('--no-worker', 'do not run jobs in this process (run `regulars worker` separately)')
  .action(commandStart);

program
  .command('worker')
  .description('run jobs only (for several worker processes sharing one PostgreSQL)')
  .action(commandWorker);

program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--json', 'print the result as JSON')
  .action(commandMigrate);

program
  .command('demo')
  .description(
    'create the demo business (a hot-pot restaurant) and print its sign-in details; generates its members and two years of purchases (DEMO_MEMBERS, default 5000) with a progress bar',
  )
  .option('--json', 'print the result as JSON')
  .option('--no-wait', 'leave the members and purchases to the worker of `regulars start`')
  .action(commandDemo);

program
  .command('import')
  .description(
    'import members (.xlsx, .csv in UTF-8/Big5/GBK, .vcf), products or purchases (.xlsx, .csv); exit code 2 when rows were rejected (written to FILE.rejected.csv)',
  )
  .argument('<file>', 'the file to import; columns are mapped from their headers')
  .option('--kind <kind>', 'what the rows are: members, products or purchases', 'members')
  .option('--dry-run', 'report what would happen without saving anything')
  .option('--match <key>', 'find existing members by phone, email, card or external_id', 'phone')
  .option('--tenant <slug>', 'the business code (needed when there are several businesses)')
  .option('--json', 'print the result as JSON')
  .action(commandImport);

program
  .command('bench')
  .description('run the benchmarks in bench/ (all, or the one named) and print their figures')
  .argument('[name]', 'one benchmark, e.g. startup or http-overhead')
  .action(commandBench);

try {
  await program.parseAsync();
} catch (err) {
  console.error(`regulars: ${(err as Error).message}`);
  process.exit(1);
}
