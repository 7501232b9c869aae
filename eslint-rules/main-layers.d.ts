import type { Rule } from 'eslint';

/** Types for main-layers.js (plain JS so eslint.config.js loads it without a TypeScript step). */
export declare const MAIN_LAYERS: readonly (readonly string[])[];
export declare const mainLayersRule: Rule.RuleModule;
declare const plugin: { rules: Record<string, Rule.RuleModule> };
export default plugin;
