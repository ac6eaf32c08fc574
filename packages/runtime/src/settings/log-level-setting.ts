import { z } from 'zod';
import { LOG_LEVELS } from '../log-levels.js';
import type { SettingSpec } from './setting.js';

/** The LOG_LEVEL row, the same in every service's table. */
export const LOG_LEVEL_SETTING = {
  env: 'LOG_LEVEL',
  schema: z.enum(LOG_LEVELS).default('info'),
  help: 'log threshold',
} as const satisfies SettingSpec;
