import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';
import { localClock } from './clock-check';
import { configChecks } from './config-checks';
import { keyChecks } from './key-checks';
import { localChecks } from './local-checks';
import { netChecks } from './net-checks';
import { pageChecks } from './page-checks';
import { platformChecks } from './platform-checks';
import { riskChecks } from './risk-checks';

/** Every check the engine runs, in catalog order within each group. */
export const ALL_CHECKS: readonly CheckDefinition<CheckContext>[] = [
  ...configChecks,
  ...keyChecks,
  ...platformChecks,
  ...netChecks,
  ...pageChecks,
  ...riskChecks,
  localClock,
  ...localChecks,
];
