import { text } from '../../shared/i18n/localized-text';
import { buyerOf, sameBuyer } from '../../shared/simulation/buyer-words';
import {
  DEVICE_IDS,
  DeviceIdSchema,
  NETWORK_IDS,
  NetworkIdSchema,
  type BuyerProfile,
  type DeviceId,
  type NetworkId,
} from '../../shared/simulation/device-profiles';
import type { SimulationResult } from '../../shared/simulation/simulation-result';
import { deviceOutcome, phonesFirst } from '../simulation';
import { CliInputError } from './cli-io';

/** `--device`: one of the profiles, or `all`. */
export function deviceOption(raw: string | undefined, fallback: DeviceId | 'all'): DeviceId | 'all' {
  if (raw === undefined) return fallback;
  if (raw === 'all') return 'all';
  const parsed = DeviceIdSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const valid = [...DEVICE_IDS, 'all'].join(', ');
  throw new CliInputError(
    text(`--device：没有「${raw}」这种设备。可用：${valid}`, `--device: no device "${raw}". Valid: ${valid}`),
  );
}

/** `--network`: one of the DevTools presets, or broadband (no throttling). */
export function networkOption(raw: string | undefined): NetworkId {
  if (raw === undefined) return 'broadband';
  const parsed = NetworkIdSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const valid = NETWORK_IDS.join(', ');
  throw new CliInputError(
    text(
      `--network：没有「${raw}」这种网络。可用：${valid}`,
      `--network: no network "${raw}". Valid: ${valid}`,
    ),
  );
}

/**
 * `--json` → `devices`: one entry per device and network, phones first; with several runs of one device,
 * its first failure speaks for it. `ready_ms` is from opening the cashier to its ready state (the budget's
 * clock); `emulated_network` says the time was taken under Chrome's network throttling.
 */
export function devicesJson(runs: readonly SimulationResult[]) {
  const buyers: BuyerProfile[] = [];
  for (const run of runs) if (!buyers.some((b) => sameBuyer(b, buyerOf(run)))) buyers.push(buyerOf(run));
  return phonesFirst(buyers, (b) => b).map((buyer) => {
    const own = runs.filter((run) => sameBuyer(buyerOf(run), buyer));
    const speaker = own.find((run) => run.outcome !== 'REDIRECT_OK') ?? own[0]!;
    const summary = deviceOutcome(speaker);
    return {
      device: summary.device,
      network: summary.network,
      outcome: summary.outcome,
      ready_ms: summary.readyMs,
      emulated_network: summary.emulatedNetwork,
    };
  });
}
