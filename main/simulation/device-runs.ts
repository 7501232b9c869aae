import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import { buyerOf, isPhone } from '../../shared/simulation/buyer-words';
import {
  DEVICE_IDS,
  isThrottled,
  type BuyerProfile,
  type DeviceId,
  type NetworkId,
} from '../../shared/simulation/device-profiles';
import type { DeviceOutcome, SimulationResult } from '../../shared/simulation/simulation-result';

/** Phones before computers, each kind in the order given: a phone's failure leads (the rule). */
export function phonesFirst<T>(items: readonly T[], buyerOfItem: (item: T) => BuyerProfile): T[] {
  return [
    ...items.filter((item) => isPhone(buyerOfItem(item))),
    ...items.filter((item) => !isPhone(buyerOfItem(item))),
  ];
}

/** `--device all` → every profile; one id → that one. Every phone and computer on the same network. */
export function buyersFor(device: DeviceId | 'all', network: NetworkId): BuyerProfile[] {
  const devices = device === 'all' ? [...DEVICE_IDS] : [device];
  return phonesFirst(
    devices.map((id) => ({ device: id, network })),
    (b) => b,
  );
}

export function deviceOutcome(run: SimulationResult): DeviceOutcome {
  const buyer = buyerOf(run);
  return {
    device: buyer.device,
    network: buyer.network,
    emulatedNetwork: isThrottled(buyer.network),
    outcome: run.outcome,
    readyMs: run.cashier.readyAfterMs,
  };
}

/** The first failing device's outcome (phones first), REDIRECT_OK when all passed, null with no runs. */
export function leadingOutcome(runs: readonly SimulationResult[]): OutcomeCode | null {
  if (runs.length === 0) return null;
  const ordered = phonesFirst(runs, buyerOf);
  return ordered.find((run) => run.outcome !== 'REDIRECT_OK')?.outcome ?? 'REDIRECT_OK';
}
