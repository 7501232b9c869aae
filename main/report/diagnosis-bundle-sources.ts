import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { CheckedStoreConfig } from '../../shared/config/store-config';
import type { Diagnosis } from '../../shared/diagnosis/diagnosis';
import type { Contact, SymptomForm } from '../../shared/report/symptom-form';
import type { WatchExport } from '../../shared/watch/watch-export';
import { APP_IDENTITY } from '../model/app-identity';
import type { BundleSources, LogSource } from './bundle-sources';
import { buildReport } from './build-report';
import { collectEnvironment, reportApp } from './environment';
import { simulationHar } from '../simulation';

export interface DiagnosisReportInput {
  diagnosis: Diagnosis;
  store: CheckedStoreConfig;
  profile: PlatformProfile;
  symptom: SymptomForm;
  contact?: Contact | null;
  locale: string;
  runtime: string;
  logs?: readonly LogSource[];
  /** The merchant's private key PEM: the bundle writer hunts for it in every member as a last line. */
  privateKeyPem?: string | null;
  /** Watch history around the time the merchant chose (issue 8), attached to the report as is. */
  watchHistory?: WatchExport;
  /** The app's last crash summary (main/health), for the optional app-health section. */
  appHealth?: string | null;
}

/**
 * A diagnosis as the report of protocol §5 and the members of the bundle of §6: the app's report screen
 * and `baitiao-doctor diagnose` both go through here, so what support staff receive is the same.
 */
export function diagnosisBundleSources(input: DiagnosisReportInput): BundleSources {
  const { diagnosis } = input;
  const runs = diagnosis.simulation.kind === 'simulation-series' ? diagnosis.simulation.runs : [];
  const draft = buildReport({
    merchantNo: input.store.merchantNo,
    symptom: input.symptom,
    checks: diagnosis.checklist,
    simulation: diagnosis.simulation,
    probes: diagnosis.probes,
    har: runs.length ? [simulationHar(runs, { name: APP_IDENTITY.name, version: APP_IDENTITY.version })] : [],
    app: reportApp(input.locale),
    environment: {
      ...collectEnvironment({
        locale: input.locale,
        runtime: input.runtime,
        store: input.store,
        profile: input.profile,
      }),
      diagnosis: { id: diagnosis.id, verdict: diagnosis.verdict, outcome: diagnosis.outcome },
      ...(input.watchHistory ? { watch_history: input.watchHistory } : {}),
    },
    contact: input.contact ?? null,
  });
  return {
    ...draft,
    logs: input.logs ?? [],
    appHealth: input.appHealth ?? null,
    knownSecrets: input.privateKeyPem ? [input.privateKeyPem] : [],
  };
}
