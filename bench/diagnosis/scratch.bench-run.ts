import { cpus, loadavg, tmpdir } from 'node:os';
import { it } from 'vitest';
import { machineFacts } from '../../main/checklist/run-store-checklist';
import { runDiagnosis, type DiagnosisInput } from '../../main/diagnosis/run-diagnosis';
import { startSandbox } from '../../main/sandbox';
import { findBrowser } from '../../main/simulation';
import { createPlaywrightLauncher } from '../../main/simulation/playwright-launcher';
import {
  DEFAULT_DIAGNOSIS_BUYERS,
  DESKTOP_BUYER,
  type BuyerProfile,
} from '../../shared/simulation/device-profiles';
import { machineLine, median, writeBenchmarkSection } from '../support/benchmarks-file';

const HEADING = '## Diagnosis on a phone and a computer (issue 19)';
const ROUNDS = 3;

/**
 * 开始诊断 on the healthy sandbox as it is now by default (a phone and the computer, side by side) beside
 * the single-device diagnosis it was before (the computer alone), alternating, in one Chromium process.
 * Goal: the two-device diagnosis takes at most 1.5× the single-device one.
 */
it('default two-device diagnosis vs single-device', async () => {
  const browser = findBrowser();
  if (!browser.found) {
    console.warn(`no browser, benchmark skipped: ${browser.reason['en-US']}`);
    return;
  }
  const sandbox = await startSandbox({ scenario: 'healthy' });
  const launcher = createPlaywrightLauncher({ executablePath: browser.path });
  try {
    const { merchantPrivateKey: _pem, ...store } = sandbox.store;
    const input: DiagnosisInput = {
      storeId: 'bench',
      store,
      profile: sandbox.profile,
      key: { pem: sandbox.merchantPrivateKeyPem, path: null, problem: null },
      importNotes: null,
      machine: machineFacts(tmpdir(), 'bench', `node ${process.versions.node}`),
      resolveProxy: async () => 'DIRECT',
      browser: launcher,
    };
    const notOk: string[] = [];
    const timed = async (buyers: readonly BuyerProfile[]) => {
      const t0 = performance.now();
      const marks: string[] = [];
      let last = '';
      const diagnosis = await runDiagnosis({ ...input, buyers, onProgress: (p) => { const e = p.event as any; if (p.step === 'simulation' && (e?.type === 'stage-finished' || e?.type === 'run-finished')) marks.push(`r${e.run}:${e.stage ?? 'END'}${e.durationMs !== undefined ? '=' + e.durationMs.toFixed?.(0) : ''}@${(performance.now() - t0).toFixed(0)}`); if (p.step !== last) { marks.push(`${p.step}@${(performance.now() - t0).toFixed(0)}`); last = p.step; } } });
      console.log(buyers.length, (performance.now() - t0).toFixed(0), marks.join(' '));
      // On a loaded machine the sandbox's 3 s ready budget is sometimes missed: counted, not hidden.
      if (diagnosis.outcome !== 'REDIRECT_OK') notOk.push(`${buyers.length} device(s): ${diagnosis.outcome}`);
      return performance.now() - t0;
    };
    // Warm-up: the browser process, first TLS handshakes, JIT.
    await timed(DEFAULT_DIAGNOSIS_BUYERS);
    await timed([DESKTOP_BUYER]);
    const single: number[] = [];
    const both: number[] = [];
    const loadBefore = loadavg()[0]!;
    for (let i = 0; i < ROUNDS; i++) {
      single.push(await timed([DESKTOP_BUYER]));
      both.push(await timed(DEFAULT_DIAGNOSIS_BUYERS));
    }
    const ratio = median(both) / median(single);
    const loadAfter = loadavg()[0]!;
    const row = (name: string, xs: number[]) =>
      `| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
    const section = [
      HEADING,
      '',
      machineLine(),
      `Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end: other work shared the ${cpus().length} cores. On a saturated machine the two simulations cannot overlap, so the ratio approaches 1 + (one simulation's work / one diagnosis' work); with idle cores they run side by side.`,
      '',
      `A whole diagnosis (simulated payment, timings and checklist) against the healthy sandbox in Chromium (${browser.path}), ${ROUNDS} rounds alternating the two, after one warm-up each. Single device: the computer alone (Chrome, 1280×720, broadband), as every diagnosis ran before issue 19. Default: WeChat on an iPhone (390×664 @3) and the computer, their simulations run concurrently in two browser contexts of one Chromium process.`,
      '',
      '| diagnosis | median ms | min ms | max ms |',
      '|---|---:|---:|---:|',
      row('single device (computer)', single),
      row('default: phone + computer', both),
      '',
      `Ratio default / single device (medians): **${ratio.toFixed(2)}** (goal: at most 1.5).`,
      '',
      notOk.length === 0
        ? 'Every diagnosis ended REDIRECT_OK.'
        : `Diagnoses that did not end REDIRECT_OK (the load pushed the cashier past the sandbox's 3 s budget): ${notOk.join('; ')}.`,
    ].join('\n');
    console.log(section);
    
  } finally {
    await launcher.close();
    await sandbox.close();
  }
});
