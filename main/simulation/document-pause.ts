import type { GateBlock } from '../../shared/simulation/simulation-result';
import { headerValue, type RequestPaused } from './cdp-events';
import { CAPTURE_LIMITS } from './capture-limits';
import type { NavigationGate } from './navigation-gate';

/** A final document's raw bytes, before the browser decodes them (for the charset check). */
export interface DocumentBody {
  url: string;
  status: number;
  contentType: string | null;
  bytes: Buffer;
}

/** How long a document's body may take to arrive whole before the page is let through uncaptured. */
const BODY_CAPTURE_WAIT_MS = 1500;

/** What a paused document needs from the recorder: its CDP session, its gate and where results go. */
export interface DocumentPause {
  send: (method: string, params?: Record<string, unknown>) => Promise<unknown>;
  isMainDocument: (type: string | undefined, frameId: string | undefined) => boolean;
  gate: NavigationGate;
  /** networkId → why the gate stopped it, for the hop's blockedBy. */
  blockedBy: Map<string, GateBlock>;
  /** networkId → the document's bytes. */
  bodies: Map<string, DocumentBody>;
}

/**
 * One document paused by the Fetch domain, twice per document: at the request the gate decides (loop,
 * hop count, https) whether it may go; at the response the raw bytes of a final page are kept.
 */
export async function handleDocumentPause(p: RequestPaused, pause: DocumentPause): Promise<void> {
  const { send } = pause;
  const requestId = p.requestId;
  const networkId = p.networkId ?? requestId;
  const mainDocument = pause.isMainDocument(p.resourceType, p.frameId);
  const atResponse = p.responseStatusCode !== undefined || p.responseErrorReason !== undefined;
  try {
    if (!atResponse) {
      const block = mainDocument ? pause.gate.admit(p.request.url) : null;
      if (block) {
        pause.blockedBy.set(networkId, block);
        await send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
        return;
      }
    } else if (mainDocument && p.responseStatusCode !== undefined && !p.responseErrorReason) {
      const headers = Object.fromEntries((p.responseHeaders ?? []).map((h) => [h.name, h.value]));
      const redirect =
        p.responseStatusCode >= 300 && p.responseStatusCode < 400 && headerValue(headers, 'location');
      // Fetch.getResponseBody waits for the whole body and hands it over in one piece, so it is only
      // asked for a body of known, capped length, and only for a moment: a chunked page of unknown
      // size (possibly endless) or one that drips is left to load as the buyer would see it, and its
      // charset is then judged from the rendered text alone.
      const declaredLength = headerValue(headers, 'content-length');
      const length = declaredLength === undefined ? Number.NaN : Number(declaredLength);
      const body =
        !redirect && Number.isFinite(length) && length <= CAPTURE_LIMITS.documentBytes
          ? await Promise.race([
              send('Fetch.getResponseBody', { requestId }) as Promise<{
                body: string;
                base64Encoded: boolean;
              }>,
              new Promise<null>((resolve) => setTimeout(() => resolve(null), BODY_CAPTURE_WAIT_MS).unref()),
            ])
          : null;
      if (body) {
        pause.bodies.set(networkId, {
          url: p.request.url,
          status: p.responseStatusCode,
          contentType: headerValue(headers, 'content-type'),
          bytes: Buffer.from(body.body, body.base64Encoded ? 'base64' : 'utf8').subarray(
            0,
            CAPTURE_LIMITS.documentBytes,
          ),
        });
      }
    }
    await send('Fetch.continueRequest', { requestId });
  } catch {
    // The request went away first (a new navigation, the page closing): nothing to continue.
  }
}
