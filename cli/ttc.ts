/**
 * The `ttc` command line: the engine without a browser. `npm run ttc -- <command> [options]`.
 */
import '../src/core/tasks/grading';
import { PoolError } from '../src/core/pool';
import { UsageError } from './args';
import { importSamples, importSamplesUsage } from './commands/importSamples';
import { meet, meetUsage } from './commands/meet';
import { score, scoreUsage } from './commands/score';
import { serve, serveUsage } from './commands/serve';
import { sweepCommand, sweepUsage } from './commands/sweep';
import { synth, synthUsage } from './commands/synth';

const COMMANDS: Record<string, { run: (argv: string[]) => void | Promise<void>; usage: string }> = {
  score: { run: score, usage: scoreUsage },
  synth: { run: synth, usage: synthUsage },
  'import-samples': { run: importSamples, usage: importSamplesUsage },
  sweep: { run: sweepCommand, usage: sweepUsage },
  serve: { run: serve, usage: serveUsage },
  meet: { run: meet, usage: meetUsage },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command || rest.includes('--help')) {
    const all = Object.values(COMMANDS)
      .map((c) => c.usage)
      .join('\n\n');
    (command ? console.log : console.error)(command ? command.usage : `usage:\n\n${all}`);
    return command || name === '--help' ? 0 : 2;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (e) {
    if (e instanceof PoolError) {
      console.error(`ttc ${name}: the pool is not valid:\n${e.message}`);
      return 1;
    }
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`ttc ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') {
      console.error(`ttc ${name}: ${e.message}`);
      return 1;
    }
    if (e instanceof Error) {
      console.error(`ttc ${name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
