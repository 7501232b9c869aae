import type {
  MixedContentFinding,
  SimulationLeg,
  Subresource,
} from '../../shared/simulation/simulation-result';

/**
 * Insecure subresources the network saw on the checked pages, blocked by Chrome or loaded, merged into the
 * findings the page scan made (a reference the scan saw and the network blocked is one finding, blocked).
 */
export function mergeInsecureSubresources(
  findings: MixedContentFinding[],
  subresources: readonly Subresource[],
  pagesChecked: ReadonlySet<SimulationLeg>,
): void {
  for (const sub of subresources) {
    if (!sub.insecure || !pagesChecked.has(sub.leg)) continue;
    const blocked = sub.blockedReason === 'mixed-content' || sub.error !== null;
    const existing = findings.find((f) => f.leg === sub.leg && f.url === sub.url);
    if (existing) existing.blocked = existing.blocked || blocked;
    else findings.push({ leg: sub.leg, kind: kindOfResource(sub.type), url: sub.url, blocked });
  }
}

function kindOfResource(type: string): MixedContentFinding['kind'] {
  switch (type) {
    case 'Script':
      return 'script';
    case 'Document':
      return 'frame';
    case 'Stylesheet':
      return 'stylesheet';
    case 'Image':
      return 'image';
    case 'Media':
      return 'media';
    default:
      return 'other';
  }
}
