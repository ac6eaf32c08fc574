#!/usr/bin/env node
// The `danmaku` command. The sources are TypeScript run as they are (never compiled), so this
// launcher registers tsx's loader in this same process and imports src/main.ts: signals (Ctrl-C)
// reach the CLI directly, with no wrapper process in between.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
