// `node --import ./record-modules.js …`: appends the URL of every module the process resolves
// (ESM imports, and the CommonJS entry points they reach) to the file named by
// DANMAKU_MODULE_LOG, one a line. Plain JavaScript, so it loads no TypeScript tooling itself.
import { register } from 'node:module';

register('./record-modules-hooks.js', import.meta.url, {
  data: { log: process.env['DANMAKU_MODULE_LOG'] },
});
