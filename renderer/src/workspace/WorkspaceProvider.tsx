import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DemoStatus } from '../../../shared/ipc/contract';
import { useDoctorCall } from '../ipc/use-doctor-call';
import { WorkspaceContext, type WorkspaceState } from './workspace-context';

/** The current store, platform profile and demo status, read once from main and shared by every screen. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const call = useDoctorCall();
  const [state, setState] = useState<WorkspaceState>({ status: 'loading', workspace: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    void call('workspace.get', undefined, 'loadWorkspace').then((workspace) => {
      if (!current) return;
      // A quiet refresh that fails keeps what is shown (the toast says it failed).
      setState((previous) =>
        workspace
          ? { status: 'ready', workspace }
          : previous.status === 'ready'
            ? previous
            : { status: 'failed', workspace: null },
      );
    });
    return () => {
      current = false;
    };
  }, [call, generation]);

  const reload = useCallback(() => {
    setState({ status: 'loading', workspace: null });
    setGeneration((n) => n + 1);
  }, []);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);

  const setDemo = useCallback((demo: DemoStatus) => {
    setState((previous) =>
      previous.status === 'ready'
        ? { status: 'ready', workspace: { ...previous.workspace, demo } }
        : previous,
    );
  }, []);

  const value = useMemo(() => ({ state, reload, refresh, setDemo }), [state, reload, refresh, setDemo]);
  return <WorkspaceContext value={value}>{children}</WorkspaceContext>;
}
