import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { CheckedStoreConfig } from '../../shared/config/store-config';
import type { ProbeRun } from '../../shared/probe/probe-result';
import type { ImportNotes, KeyFacts } from '../model/active-store';
import type { SimulationFacts } from '../model/session-results';
import type { GatewayFacts } from './gateway-facts';

export type { ImportNotes, KeyFacts };

export interface MachineFacts {
  os: string;
  arch: string;
  appVersion: string;
  engine: string;
  locale: string;
  timeZone: string;
  /** Where bundles are written; its free space is checked. */
  dataDir: string;
  hostsFilePath: string;
}

/**
 * Everything a check may look at. Network facts are memoized functions so that, say, the one signed
 * merchant.config.query serves key.*, platform.* and risk.* alike.
 */
export type { CheckedStoreConfig };

export interface CheckContext {
  store: CheckedStoreConfig;
  profile: PlatformProfile;
  key: KeyFacts;
  importNotes: ImportNotes | null;
  machine: MachineFacts;
  /** How the browser engine would route a URL: 'DIRECT' or e.g. 'PROXY host:port' (Electron), env vars in the CLI. */
  resolveProxy(url: string): Promise<string>;
  now(): Date;
  gateway: GatewayFacts;
  /** Probes of every platform and store host, run once per checklist (or handed in by a diagnosis). */
  network: { probes(): Promise<ProbeRun> };
  /** Filled in by a simulated redirect when one ran; page.* and tls.mixed-content read it. */
  simulation: SimulationFacts | null;
}
