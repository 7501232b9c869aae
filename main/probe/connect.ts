import { lookup as dnsLookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { classifyConnectError, classifyDnsError, ProbeError } from './probe-error';
import { withinPhase } from './phase-deadline';

export type IpFamily = 'IPv4' | 'IPv6';
export interface ResolvedAddress {
  address: string;
  family: IpFamily;
}

/** Name lookup; injectable so tests can play NXDOMAIN or a stalled resolver without leaving loopback. */
export type LookupHost = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * The system resolver (getaddrinfo, via libuv), as the browser engine uses it: hosts file, search
 * domains and the OS's address order ('verbatim') included. c-ares would be cancellable but would
 * answer differently from what the merchant's browser sees.
 */
export const systemLookup: LookupHost = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, order: 'verbatim' });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 'IPv6' : 'IPv4' }));
};

export const familyOf = (address: string): IpFamily => (isIP(address) === 6 ? 'IPv6' : 'IPv4');

export async function resolveHost(
  hostname: string,
  lookup: LookupHost,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<ResolvedAddress[]> {
  // getaddrinfo cannot be cancelled: on a timeout the lookup finishes unobserved on libuv's pool.
  const work = lookup(hostname).catch((error: unknown) => {
    throw error instanceof ProbeError ? error : classifyDnsError(error);
  });
  const addresses = await withinPhase('dns', work, {
    ...options,
    onTimeout: () =>
      new ProbeError(
        'dns',
        'dns-timeout',
        'ETIMEOUT',
        `No answer for ${hostname} within ${options.timeoutMs} ms`,
        {
          timeoutMs: options.timeoutMs,
        },
      ),
  });
  if (addresses.length === 0)
    throw new ProbeError('dns', 'dns-not-found', 'ENODATA', `No address for ${hostname}`);
  return addresses;
}

export interface TcpConnection {
  socket: Socket;
  remote: ResolvedAddress & { port: number };
  failedAttempts: (ResolvedAddress & { code: string | null })[];
}

function connectOnce(
  address: ResolvedAddress,
  port: number,
  register: (socket: Socket) => void,
): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    // An IP literal: net does no lookup of its own, so the DNS phase above stays the only one.
    const socket = netConnect({ host: address.address, port, family: address.family === 'IPv6' ? 6 : 4 });
    register(socket);
    socket.setNoDelay(true);
    const onError = (error: Error) => {
      socket.destroy();
      reject(classifyConnectError(error));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/**
 * TCP connect, trying the resolved addresses in order until one answers (a browser also falls back,
 * e.g. from a refused ::1 to 127.0.0.1). One deadline covers all attempts: that is the phase's budget.
 */
export async function connectTcp(
  addresses: readonly ResolvedAddress[],
  port: number,
  options: { timeoutMs: number; signal?: AbortSignal; onSocket?: (socket: Socket) => void },
): Promise<TcpConnection> {
  const failedAttempts: TcpConnection['failedAttempts'] = [];
  let current: Socket | null = null;
  let abandoned = false;
  const attempt = async (): Promise<TcpConnection> => {
    let lastError: ProbeError | null = null;
    for (const address of addresses) {
      // After a timeout or a cancel the loop must not open another socket nobody will close.
      if (abandoned) break;
      try {
        const socket = await connectOnce(address, port, (s) => {
          current = s;
          options.onSocket?.(s);
        });
        return { socket, remote: { ...address, port }, failedAttempts };
      } catch (error) {
        lastError = error as ProbeError;
        failedAttempts.push({ ...address, code: lastError.code });
      }
    }
    throw lastError ?? new ProbeError('connect', 'network-unreachable', null, 'No address to connect to');
  };
  return withinPhase('connect', attempt(), {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    abandon: () => {
      abandoned = true;
      (current as Socket | null)?.destroy();
    },
    onTimeout: () =>
      new ProbeError(
        'connect',
        'connect-timeout',
        'ETIMEDOUT',
        `TCP connect to port ${port} took over ${options.timeoutMs} ms`,
        {
          timeoutMs: options.timeoutMs,
        },
      ),
  });
}
