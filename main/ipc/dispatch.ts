import {
  channels,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type IpcEnvelope,
} from '../../shared/ipc/contract';

/** The main-side implementation of every channel: plain async functions, no Electron. */
export type Handlers = { [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>> };

export type Dispatch = (channel: unknown, input: unknown) => Promise<IpcEnvelope<unknown>>;

/** Finds a channel's handler when it is first called (the app core loads each capability on first use). */
export type HandlerLookup = (channel: Channel) => Promise<(input: unknown) => Promise<unknown>>;

const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.hasOwn(channels, name);

/**
 * Validates a request against the contract, runs its handler and validates the answer too, so a
 * handler bug shows up as an error here rather than as a malformed object in the renderer.
 * Electron's IPC adapter and the browser tests both go through this one function.
 */
export function createDispatcher(
  handlers: Handlers | HandlerLookup,
  log: (message: string) => void = () => {},
): Dispatch {
  const lookup: HandlerLookup =
    typeof handlers === 'function'
      ? handlers
      : async (channel) => handlers[channel] as (input: unknown) => Promise<unknown>;
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel)}` },
      };
    }
    const spec = channels[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Invalid input for ${channel}`,
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      };
    }
    try {
      const handler = await lookup(channel);
      const output = spec.output.parse(await handler(parsed.data));
      return { ok: true, data: output };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`handler ${channel} failed: ${message}`);
      return { ok: false, error: { code: 'HANDLER_FAILED', message } };
    }
  };
}
