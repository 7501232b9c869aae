import type { FeedCheck } from './update-check';
import { mayAsk, type BusyState, type UpdateStep } from './update-policy';

export interface UpdateFlowDeps {
  check: () => Promise<FeedCheck>;
  busy: () => Promise<BusyState>;
  /** Asks the merchant (a dialog in the app); true means yes. */
  ask: (step: UpdateStep, version: string) => Promise<boolean>;
  /** Downloads the installer; rejects when it fails or its SHA-512 differs from the feed's. */
  download: (version: string) => Promise<void>;
  /** Quits and runs the installer. */
  install: () => void;
  log: (message: string) => void;
}

/**
 * One pass of the updater: check the feed; when a newer version is there and nothing is running, ask
 * before downloading; once downloaded, ask again before restarting. A busy app is asked on a later pass
 * (the caller runs passes on a timer), and a version declined is not asked about again this session.
 */
export function createUpdateFlow(deps: UpdateFlowDeps) {
  const declined = new Set<string>();
  let downloaded: string | null = null;
  let running = false;

  const allowed = async (step: UpdateStep, version: string) => {
    const verdict = mayAsk(step, version, await deps.busy(), declined);
    if (!verdict.ask) deps.log(`update ${version}: not asking now (${verdict.reason})`);
    return verdict.ask;
  };

  return {
    async pass(): Promise<'asked-restart' | 'installing' | 'downloaded' | 'declined' | 'waiting' | 'none'> {
      if (running) return 'waiting';
      running = true;
      try {
        if (!downloaded) {
          const found = await deps.check();
          if (found.kind !== 'newer') {
            if (found.kind === 'unreachable' || found.kind === 'bad-feed')
              deps.log(`update check: ${found.reason}`);
            return 'none';
          }
          if (!(await allowed('ask-download', found.version))) return 'waiting';
          if (!(await deps.ask('ask-download', found.version))) {
            declined.add(found.version);
            return 'declined';
          }
          await deps.download(found.version);
          downloaded = found.version;
        }
        if (!(await allowed('ask-restart', downloaded))) return 'downloaded';
        if (!(await deps.ask('ask-restart', downloaded))) return 'asked-restart';
        deps.install();
        return 'installing';
      } catch (error) {
        deps.log(`update: ${error instanceof Error ? error.message : String(error)}`);
        return 'none';
      } finally {
        running = false;
      }
    },
  };
}
