import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Screenshot } from '../../shared/simulation/simulation-result';
import type { CdpTransport } from './cdp-transport';

/** No single CDP command may hold a run up longer than this: a wedged renderer must not hang the app. */
const COMMAND_TIMEOUT_MS = 5000;

/** Resolves with the command's answer, or null when it failed or took too long. */
export async function sendBounded<T>(
  transport: CdpTransport,
  method: string,
  params: Record<string, unknown> = {},
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      transport.send(method, params) as Promise<T>,
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Evaluates an expression in the page and returns its JSON value; null when it threw or there is no page. */
export async function evaluate<T>(
  transport: CdpTransport,
  expression: string,
  options: { userGesture?: boolean } = {},
): Promise<T | null> {
  const answer = await sendBounded<{ result?: { value?: unknown }; exceptionDetails?: unknown }>(
    transport,
    'Runtime.evaluate',
    { expression, returnByValue: true, userGesture: options.userGesture ?? false },
  );
  if (!answer || answer.exceptionDetails) return null;
  return (answer.result?.value ?? null) as T | null;
}

export type ScreenshotMode = { mode: 'inline' } | { mode: 'files'; dir: string } | { mode: 'none' };

/** The viewport as a PNG: inline base64, or written to a file (the result then holds the path). */
export async function captureScreenshot(
  transport: CdpTransport,
  moment: Screenshot['moment'],
  url: string | null,
  mode: ScreenshotMode,
  fileStem: string,
  /** The emulated viewport: a phone at 3× is pictured at its CSS size, so pictures stay small. */
  viewport?: { width: number; height: number; deviceScaleFactor: number },
): Promise<Screenshot | null> {
  if (mode.mode === 'none') return null;
  const clip =
    viewport && viewport.deviceScaleFactor !== 1
      ? { x: 0, y: 0, width: viewport.width, height: viewport.height, scale: 1 / viewport.deviceScaleFactor }
      : undefined;
  const shot = await sendBounded<{ data?: string }>(transport, 'Page.captureScreenshot', {
    format: 'png',
    captureBeyondViewport: false,
    // zlib's fast level: about a third less of the browser's CPU per picture, for a somewhat larger file.
    optimizeForSpeed: true,
    ...(clip ? { clip } : {}),
  });
  if (!shot?.data) return null;
  const bytes = Buffer.byteLength(shot.data, 'base64');
  if (mode.mode === 'inline')
    return { moment, url, mimeType: 'image/png', base64: shot.data, path: null, bytes };
  const path = join(mode.dir, `${fileStem}-${moment}.png`);
  await writeFile(path, Buffer.from(shot.data, 'base64'));
  return { moment, url, mimeType: 'image/png', base64: null, path, bytes };
}
