import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import type { CharsetFinding, SimulationHop, SimulationLeg } from '../../shared/simulation/simulation-result';

export interface LegFailure {
  code: OutcomeCode;
  reason: string;
  hopIndex: number | null;
}

/** Chrome's certificate and TLS protocol errors: TLS_ERROR on any hop (§7). */
export const TLS_NET_ERROR = /^net::ERR_(CERT_|SSL_|BAD_SSL_|CERTIFICATE_)/;

/**
 * Why a leg's redirect chain did not end on a page: our gate's block (loop, too many hops, http), a
 * certificate refused, a network error, or an HTTP error status. On the cashier leg that is the cashier
 * failing (CASHIER_UNREACHABLE); on the way back, the store's return URL (RETURN_URL_BROKEN).
 */
export function chainFailure(hops: readonly SimulationHop[], leg: SimulationLeg): LegFailure | null {
  const last = hops.filter((hop) => hop.leg === leg).at(-1);
  if (!last) return null;
  // The URL is followed by a space: sanitized text ends a URL at whitespace, never at punctuation.
  const where = `${leg} hop ${last.position + 1} ${last.url}`;
  const unreachable: OutcomeCode = leg === 'cashier' ? 'CASHIER_UNREACHABLE' : 'RETURN_URL_BROKEN';
  if (last.blockedBy === 'insecure-redirect') {
    return {
      code: 'INSECURE_REDIRECT',
      reason: `${where} — leaves https; blocked, not loaded`,
      hopIndex: last.index,
    };
  }
  if (last.blockedBy === 'redirect-loop') {
    return {
      code: 'REDIRECT_LOOP',
      reason: `${where} — this URL was already visited in the chain`,
      hopIndex: last.index,
    };
  }
  if (last.blockedBy === 'too-many-hops') {
    return { code: 'REDIRECT_LOOP', reason: `${where} — more than 10 hops`, hopIndex: last.index };
  }
  if (last.error) {
    if (TLS_NET_ERROR.test(last.error))
      return { code: 'TLS_ERROR', reason: `${where} — ${last.error}`, hopIndex: last.index };
    if (last.error === 'net::ERR_TOO_MANY_REDIRECTS')
      return { code: 'REDIRECT_LOOP', reason: `${where} — ${last.error}`, hopIndex: last.index };
    if (last.error === 'net::ERR_UNSAFE_REDIRECT')
      return { code: 'INSECURE_REDIRECT', reason: `${where} — ${last.error}`, hopIndex: last.index };
    return { code: unreachable, reason: `${where} — ${last.error}`, hopIndex: last.index };
  }
  if (last.status !== null && last.status >= 400) {
    return { code: unreachable, reason: `${where} — HTTP ${last.status}`, hopIndex: last.index };
  }
  return null;
}

export interface CashierFacts {
  state: string | null;
  errorCode: string | null;
  /** The page finished loading (readyState complete), or reached its ready state. */
  loaded: boolean;
  nothingVisible: boolean;
  ready: boolean;
  charset: CharsetFinding | null;
  budgetMs: number;
}

/**
 * The cashier page once it loaded (§7): its error state wins over everything; a finished page showing
 * nothing is BLANK_PAGE even without a ready state; garbled text next (it was wrong from the first byte);
 * no ready state within the budget is CASHIER_TIMEOUT.
 */
export function cashierFailure(facts: CashierFacts): LegFailure | null {
  if (facts.state === 'error') {
    const code: OutcomeCode = facts.errorCode === 'RISK_REJECTED' ? 'RISK_REJECTED' : 'CASHIER_ERROR_PAGE';
    return {
      code,
      reason: `cashier error state, data-error-code=${facts.errorCode ?? '(none)'}`,
      hopIndex: null,
    };
  }
  if (facts.nothingVisible && (facts.loaded || facts.ready)) {
    return {
      code: 'BLANK_PAGE',
      reason: `cashier finished loading but shows no text or image (state ${facts.state ?? 'none'})`,
      hopIndex: null,
    };
  }
  if (facts.charset?.mojibake) {
    const { declared, detected, signals } = facts.charset;
    return {
      code: 'GARBLED_PAGE',
      reason: `cashier text is garbled: declared ${declared ?? 'none'}, bytes ${detected ?? 'unknown'} (${signals.join(', ')})`,
      hopIndex: null,
    };
  }
  if (!facts.ready) {
    return {
      code: 'CASHIER_TIMEOUT',
      reason: `no ready state within ${facts.budgetMs} ms (state ${facts.state ?? 'none'})`,
      hopIndex: null,
    };
  }
  return null;
}

/**
 * Whether the page the return link led to is the store's return_url (same origin and path) for this
 * order, with diagnostic=1, as §4 says the cashier's link must send the buyer.
 */
export function matchesReturnUrl(reached: string, returnUrl: string, outTradeNo: string): boolean {
  try {
    const got = new URL(reached);
    const want = new URL(returnUrl);
    return (
      got.origin === want.origin &&
      got.pathname === want.pathname &&
      got.searchParams.get('out_trade_no') === outTradeNo &&
      got.searchParams.get('diagnostic') === '1'
    );
  } catch {
    return false;
  }
}

/**
 * The way back after its chain arrived (chainFailure found nothing): no page at all, no page in time, a
 * non-2xx page, or a page that is not the store's return_url for this order are all RETURN_URL_BROKEN.
 */
export function returnPageFailure(
  last: SimulationHop | null,
  documentMs: number | null,
  matchesReturn: boolean,
): LegFailure | null {
  const broken = (reason: string, hopIndex: number | null): LegFailure => ({
    code: 'RETURN_URL_BROKEN',
    reason,
    hopIndex,
  });
  if (!last) return broken('the return link did not lead anywhere', null);
  if (documentMs === null)
    return broken(`the return page did not arrive within the deadline: ${last.url} `, last.index);
  if (last.status === null || last.status < 200 || last.status >= 300)
    return broken(`return page answered HTTP ${last.status ?? 'nothing'}`, last.index);
  if (!matchesReturn)
    return broken(
      `the return link led to ${last.url} — not the store's return_url for this order`,
      last.index,
    );
  return null;
}
