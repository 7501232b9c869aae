import type { Socket } from 'node:net';

/**
 * Every socket a hop opens (to the host, the proxy, the TLS layer on top) is registered here, so that
 * (1) an 'error' event never goes unheard, which would crash the process, (2) the hop can tell a reset
 * (an OS error) from a server that hung up cleanly (FIN), and (3) all of them are destroyed when the
 * hop ends, however it ends: no socket outlives its probe.
 */
export class SocketTracker {
  private readonly sockets = new Set<Socket>();
  lastError: (Error & { code?: string }) | null = null;
  peerEnded = false;

  track<S extends Socket>(socket: S): S {
    if (this.sockets.has(socket)) return socket;
    this.sockets.add(socket);
    socket.on('error', (error: Error & { code?: string }) => {
      this.lastError ??= error;
    });
    socket.on('end', () => {
      this.peerEnded = true;
    });
    return socket;
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
