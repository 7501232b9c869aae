import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { text } from '../../../shared/i18n/localized-text';
import { SYMPTOM_CATEGORIES, type SymptomCategory } from '../../../shared/report/symptom-form';
import { OUTCOME_EXPLANATIONS } from '../../../shared/simulation/outcome-explanations';
import { writeBundle, type WrittenBundle } from '../../bundle';
import { isDiskError } from '../../kept-files';
import { importNotesFrom, keyFactsFromImport } from '../../checklist/checklist-input';
import { machineFacts } from '../../checklist/run-store-checklist';
import { APP_IDENTITY } from '../../model/app-identity';
import { diagnosisBundleSources } from '../../report/diagnosis-bundle-sources';
import { runDiagnosis } from '../../diagnosis/run-diagnosis';
import { proxyFromEnvironment } from '../../probe';
import { findBrowser, SimulationUnavailableError, type BrowserLauncher } from '../../simulation';
import { createPlaywrightLauncher } from '../../simulation/playwright-launcher';
import { bundleWriteFailure, checkOutPath } from '../bundle-output';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { deviceOption, devicesJson, networkOption } from '../device-options';
import { buyerName, buyerOf } from '../../../shared/simulation/buyer-words';
import {
  DEVICE_IDS,
  type BuyerProfile,
  type DeviceId,
  type NetworkId,
} from '../../../shared/simulation/device-profiles';
import { loadStoreAndProfile } from '../config-input';

/**
 * The buyers of a diagnosis: by default one phone (WeChat on an iPhone) and the computer. `--device`
 * picks the phone (`all`: every phone; `pc`: the computer alone); `--network` is the phone's network —
 * the computer stays on broadband, the office line it is compared against.
 */
function diagnosisBuyers(device: DeviceId | 'all', network: NetworkId): BuyerProfile[] {
  if (device === 'pc') return [{ device: 'pc', network }];
  const phones = device === 'all' ? DEVICE_IDS.filter((id) => id !== 'pc') : [device];
  return [...phones.map((id) => ({ device: id, network })), { device: 'pc', network: 'broadband' }];
}

/** Friendly spellings of the report's symptom categories, so `--symptom blank-page` works too. */
const SYMPTOM_ALIASES: Record<string, SymptomCategory> = {
  'page-not-loading': 'PAGE_NOT_LOADING',
  'never-loads': 'PAGE_NOT_LOADING',
  'payment-failed': 'PAYMENT_FAILED_MESSAGE',
  'payment-failed-message': 'PAYMENT_FAILED_MESSAGE',
  'blank-or-garbled': 'BLANK_OR_GARBLED_PAGE',
  'blank-page': 'BLANK_OR_GARBLED_PAGE',
  'garbled-page': 'BLANK_OR_GARBLED_PAGE',
  other: 'OTHER',
};

function symptomOption(raw: string | undefined): SymptomCategory {
  if (raw === undefined) return 'OTHER';
  const upper = raw.toUpperCase().replace(/-/g, '_');
  const found = (SYMPTOM_CATEGORIES as readonly string[]).includes(upper)
    ? (upper as SymptomCategory)
    : SYMPTOM_ALIASES[raw.toLowerCase()];
  if (!found) {
    const valid = [...SYMPTOM_CATEGORIES, ...Object.keys(SYMPTOM_ALIASES)].join(', ');
    throw new CliInputError(
      text(
        `--symptom：没有「${raw}」这个类别。可用：${valid}`,
        `--symptom: no category "${raw}". Valid: ${valid}`,
      ),
    );
  }
  return found;
}

/**
 * The whole diagnosis in one command, as the app's 开始诊断 does it (simulation, timings, checklist, one
 * verdict), then the report and a verified-to-write bundle at --out, ready to send to platform support.
 */
export async function diagnoseCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string' },
      platform: { type: 'string' },
      symptom: { type: 'string' },
      device: { type: 'string' },
      network: { type: 'string' },
      browser: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const category = symptomOption(values.symptom);
  // Checked before the diagnosis runs: a bad --out must not cost the user a whole run.
  if (values.out !== undefined) checkOutPath(resolve(values.out), values.force);
  const buyers = diagnosisBuyers(deviceOption(values.device, 'iphone-wechat'), networkOption(values.network));
  const { store, profile } = await loadStoreAndProfile(io, values.store, values.platform);
  const found = findBrowser({ explicitPath: values.browser ?? null });
  if (!found.found && found.givenPathBroken) throw new CliInputError(found.reason);
  const launcher: BrowserLauncher = found.found
    ? createPlaywrightLauncher({ executablePath: found.path })
    : {
        openSession: async () => {
          throw new SimulationUnavailableError(found.reason, 'no browser');
        },
        close: async () => {},
      };
  const log: string[] = [];
  const note = (line: string) => {
    log.push(`${new Date().toISOString()} ${line}`);
    if (io.interactive && !values.json) io.err(line);
  };
  const key = keyFactsFromImport(store);
  const { merchantPrivateKey: _ref, ...checkedStore } = store.value;
  let diagnosis;
  try {
    diagnosis = await runDiagnosis({
      storeId: `${store.value.merchantNo}-${store.value.appId}`,
      store: checkedStore,
      profile,
      key,
      importNotes: importNotesFrom(values.store!, store.warnings),
      machine: machineFacts(tmpdir(), APP_IDENTITY.version, `node ${process.versions.node}`),
      resolveProxy: proxyFromEnvironment(process.env),
      browser: launcher,
      buyers,
      signal: io.stopSignal,
      onProgress: (p) => {
        if (p.step === 'started' || p.step === 'done') note(p.step);
        else if (p.step === 'simulation' && p.event.type === 'run-finished')
          note(`simulation: ${p.event.outcome}`);
        else if (p.step === 'checklist' && p.event.type === 'finished')
          note(`check ${p.event.id}: ${p.event.result.status}`);
      },
    });
  } finally {
    await launcher.close();
  }
  if (diagnosis.cancelled || io.stopSignal.aborted) {
    // Half a run proves nothing: no verdict, no bundle (as the app does when 取消诊断 is pressed).
    const words = text(
      '诊断已取消。结果不完整，所以这里不下结论，也没有生成诊断包；需要时请重新运行。',
      'Diagnosis cancelled. The results are incomplete, so there is no verdict and no bundle; run it again when needed.',
    );
    if (values.json) io.out(JSON.stringify({ cancelled: true, outcome: null, bundle: null }));
    io.err(say(io, words));
    return EXIT.problemFound;
  }
  const out = resolve(
    values.out ?? `baitiao-diagnosis-${diagnosis.finishedAt.slice(0, 19).replace(/[:T]/g, '-')}.zip`,
  );
  // The run's log keeps what the pages complained about, as the app's log does: support reads it there.
  // It holds whatever a page printed, so it goes through the same redaction as every other member.
  for (const run of diagnosis.simulation.kind === 'simulation-series' ? diagnosis.simulation.runs : []) {
    for (const m of run.console.slice(0, 50)) log.push(`page console ${m.level}: ${m.text}`);
    for (const e of run.exceptions.slice(0, 20)) log.push(`page exception: ${e.text}`);
  }
  const sources = diagnosisBundleSources({
    diagnosis,
    store: checkedStore,
    profile,
    symptom: { category, description: '', firstSeen: null, frequency: null },
    locale: io.language,
    runtime: `node ${process.versions.node}`,
    logs: [{ name: 'run.log', text: log.join('\n') + '\n' }],
    privateKeyPem: key.pem,
  });
  let written: WrittenBundle | null = null;
  let writeError: unknown = null;
  try {
    written = await writeBundle(sources, out);
  } catch (error) {
    // A full disk, a read-only folder…: the verdict is still printed, then why the bundle is missing.
    if (!isDiskError(error)) throw error;
    writeError = error;
  }
  const runs = diagnosis.simulation.kind === 'simulation-series' ? diagnosis.simulation.runs : [];
  const failed = diagnosis.checklist.results.some((r) => r.status === 'fail' || r.status === 'error');
  const ok = !failed && diagnosis.outcome === 'REDIRECT_OK';
  if (values.json) {
    io.out(
      JSON.stringify({
        outcome: diagnosis.outcome,
        devices: devicesJson(runs),
        verdict: diagnosis.verdict,
        checks: diagnosis.checklist.results.map((r) => ({ id: r.id, status: r.status })),
        bundle: written?.path ?? null,
        report_id: sources.report.report_id,
      }),
    );
  } else {
    const v = diagnosis.verdict;
    const sideWords = {
      store: text('店铺这边', 'the store'),
      platform: text('平台那边', 'the platform'),
      'merchant-machine': text('这台电脑或它的网络', 'this computer or its network'),
      none: text('没有问题', 'nobody'),
    }[v.side];
    io.out(`${diagnosis.outcome ?? '—'}  ${say(io, v.headline)}`);
    if (diagnosis.outcome)
      io.out(
        say(io, text('买家看到：', 'The buyer sees: ')) +
          say(io, OUTCOME_EXPLANATIONS[diagnosis.outcome].buyerSaw),
      );
    for (const run of runs) {
      const ready = run.cashier.readyAfterMs === null ? '—' : `${Math.round(run.cashier.readyAfterMs)} ms`;
      const mark = run.outcome === 'REDIRECT_OK' ? '✓' : '✗';
      io.out(`  ${mark} ${say(io, buyerName(buyerOf(run)))}: ${run.outcome} (${ready})`);
    }
    io.out(say(io, text('问题在：', 'Whose side: ')) + say(io, sideWords));
    io.out(say(io, text('先做这一步：', 'Do this first: ')) + say(io, v.firstAction));
    const failing = diagnosis.checklist.results.filter((r) => r.status === 'fail' || r.status === 'error');
    for (const r of failing) io.out(`  ✗ ${r.id}: ${say(io, r.summary)}`);
    if (written) io.out(say(io, text(`诊断包：${written.path}`, `Diagnostic bundle: ${written.path}`)));
  }
  if (writeError !== null) {
    io.err(say(io, bundleWriteFailure(out, writeError)));
    return EXIT.badInput;
  }
  return ok ? EXIT.ok : EXIT.problemFound;
}
