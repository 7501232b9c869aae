import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import type { ResponsibleSide } from '../../../../shared/simulation/outcome-explanations';
import type {
  GateBlock,
  MojibakeSignal,
  Screenshot,
  SimulationLeg,
  SimulationStage,
} from '../../../../shared/simulation/simulation-result';
import type { Messages } from '../../i18n/resources';
import { useMillisecondsIn, usePercent, type TimeUnits } from '../../i18n/use-units';

/**
 * The lists the screen walks through, spelled out here rather than imported from shared/simulation
 * (whose values come with zod); the compile-time checks below keep them and the words in step.
 */

export const STAGES = [
  'prepay',
  'cashier',
  'return',
  'store-page',
] as const satisfies readonly SimulationStage[];

/** Runs the user can ask for: 1 is 一键重试, more is intermittency mode. */
export const RUN_COUNTS = [1, 5, 10, 20] as const;

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Words = Messages['simulation'];
// Every outcome, stage, leg, side, gate block, mojibake signal and screenshot has words of its own.
const everyStageListed: Exactly<(typeof STAGES)[number], SimulationStage> = true;
const everyOutcomeNamed: Exactly<keyof Words['outcomes'], OutcomeCode> = true;
const everyStageNamed: Exactly<keyof Words['stages'], SimulationStage> = true;
const everyLegNamed: Exactly<keyof Words['legs'], SimulationLeg> = true;
const everySideNamed: Exactly<keyof Words['sides'], ResponsibleSide> = true;
const everyBlockExplained: Exactly<keyof Words['hops']['blocked'], GateBlock> = true;
const everySignalExplained: Exactly<keyof Words['details']['charset']['signals'], MojibakeSignal> = true;
const everyMomentCaptioned: Exactly<keyof Words['screenshots']['moments'], Screenshot['moment']> = true;
void everyStageListed;
void everyOutcomeNamed;
void everyStageNamed;
void everyLegNamed;
void everySideNamed;
void everyBlockExplained;
void everySignalExplained;
void everyMomentCaptioned;

const UNITS: TimeUnits = { ms: 'simulation.units.ms', s: 'simulation.units.s' };

/** 71 毫秒 / 1.35 秒, in words of the UI language. */
export const useMilliseconds = (): ((ms: number) => string) => useMillisecondsIn(UNITS);

export { usePercent };

/** A bar's width for a duration, as a share of the longest one shown beside it (never quite zero). */
export const barWidth = (ms: number | null, longest: number): string =>
  ms === null || !(longest > 0) ? '0%' : `${Math.max(1, Math.min(100, (ms / longest) * 100))}%`;
