import { runCli } from './cli.js';
import { processIo } from './cli-io.js';

// `danmaku <command>`: bin/danmaku.js, `pnpm danmaku` and `pnpm start` all land here. Exit
// explicitly: client libraries (kafkajs, ioredis) can leave timers behind after a clean close.
const code = await runCli(process.argv.slice(2), processIo());
process.exit(code);
