import type { CheckStatus } from '../../../shared/checklist/check-result';
import type { Language } from '../../../shared/ipc/contract';
import type { Scenario } from '../../../shared/sandbox/scenarios';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

/** zh-CN is the reference: every other language must have exactly its keys (checked below at compile time). */
export type Messages = typeof zhCN;

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

// Both files must have the same key paths; a missing or extra key in either fails `tsc`.
const sameKeys: Exactly<Keys<typeof enUS>, Keys<Messages>> = true;
// Every sandbox scenario needs a human label in the banner's switcher.
const everyScenarioLabelled: Exactly<keyof Messages['demo']['scenarios'], Scenario> = true;
// Every check status (and the live "running") needs a word beside its icon: never colour alone.
const everyStatusLabelled: Exactly<keyof Messages['checklist']['status'], CheckStatus | 'running'> = true;
void sameKeys;
void everyScenarioLabelled;
void everyStatusLabelled;

export const LANGUAGES = ['zh-CN', 'en-US'] as const satisfies readonly Language[];
const everyLanguageListed: Exactly<(typeof LANGUAGES)[number], Language> = true;
void everyLanguageListed;

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  'en-US': { translation: enUS },
} as const satisfies Record<Language, { translation: Messages }>;
