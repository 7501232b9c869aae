import type { ConsoleMessage, PageException, SimulationLeg } from '../../shared/simulation/simulation-result';
import type { CaptureSanitizer } from './capture-sanitizer';
import type { ConsoleApiCalled, ExceptionThrown } from './cdp-events';
import { CAPTURE_LIMITS } from './capture-limits';

/**
 * What the page said and threw, as the result keeps it: text cut to CAPTURE_LIMITS.textChars and
 * sanitized (a page may log a token or a cookie), lines and columns counted from 1 as people read them.
 */
export function consoleMessage(
  p: ConsoleApiCalled,
  leg: SimulationLeg,
  sanitizer: CaptureSanitizer,
  atMs: number,
): ConsoleMessage {
  const textValue = (p.args ?? [])
    .map((arg) =>
      arg.value !== undefined ? String(arg.value) : (arg.description ?? arg.unserializableValue ?? ''),
    )
    .join(' ');
  const frame = p.stackTrace?.callFrames?.[0];
  return {
    leg,
    level: p.type,
    text: sanitizer.text(textValue.slice(0, CAPTURE_LIMITS.textChars)),
    url: frame?.url ? sanitizer.text(frame.url) : null,
    line: typeof frame?.lineNumber === 'number' ? frame.lineNumber + 1 : null,
    atMs,
  };
}

export function pageException(
  p: ExceptionThrown,
  leg: SimulationLeg,
  sanitizer: CaptureSanitizer,
  atMs: number,
): PageException {
  const details = p.exceptionDetails;
  const description = details.exception?.description ?? details.text ?? 'Uncaught exception';
  return {
    leg,
    text: sanitizer.text(description.slice(0, CAPTURE_LIMITS.textChars)),
    url: details.url ? sanitizer.text(details.url) : null,
    line: typeof details.lineNumber === 'number' ? details.lineNumber + 1 : null,
    column: typeof details.columnNumber === 'number' ? details.columnNumber + 1 : null,
    atMs,
  };
}
