import type { MerchantScreenshot } from '../../shared/report/symptom-form';

/** A picture that travels as a bundle member (never inside report.json). */
export interface ScreenshotAttachment {
  path: string;
  mediaType: 'image/png' | 'image/jpeg';
  bytes: Buffer;
  source: 'merchant' | 'simulation';
}

/** The pictures the merchant attached, as members screenshots/merchant-N.png|jpg. */
export function merchantScreenshots(screenshots: readonly MerchantScreenshot[]): ScreenshotAttachment[] {
  return screenshots.map((shot, index) => ({
    path: `screenshots/merchant-${index + 1}.${shot.mediaType === 'image/png' ? 'png' : 'jpg'}`,
    mediaType: shot.mediaType,
    bytes: Buffer.from(shot.base64, 'base64'),
    source: 'merchant',
  }));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Copies a simulation result (or a series of them), moving every PNG screenshot it carries as base64
 * out into an attachment and leaving its bundle path in its place: the report stays small, and the
 * picture is a member the merchant can preview and leave out. The shape is shared/simulation's
 * ScreenshotSchema; anything else is copied as it is.
 */
export function extractSimulationScreenshots(simulation: unknown): {
  simulation: unknown;
  screenshots: ScreenshotAttachment[];
} {
  const screenshots: ScreenshotAttachment[] = [];
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isRecord(node)) return node;
    if (node.mimeType === 'image/png' && typeof node.base64 === 'string' && node.base64.length > 0) {
      const moment = typeof node.moment === 'string' ? node.moment.replace(/[^a-z0-9-]/gi, '') : 'page';
      const path = `screenshots/simulation-${screenshots.length + 1}-${moment || 'page'}.png`;
      screenshots.push({
        path,
        mediaType: 'image/png',
        bytes: Buffer.from(node.base64, 'base64'),
        source: 'simulation',
      });
      return { ...node, base64: null, path };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
  };
  return { simulation: visit(simulation), screenshots };
}
