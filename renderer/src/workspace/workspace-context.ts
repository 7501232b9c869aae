import { createContext, useContext } from 'react';
import type { DemoStatus, Workspace } from '../../../shared/ipc/contract';

export type WorkspaceState =
  | { status: 'loading'; workspace: null }
  | { status: 'failed'; workspace: null }
  | { status: 'ready'; workspace: Workspace };

export interface WorkspaceContextValue {
  state: WorkspaceState;
  /** Reads the workspace from main again (after an error, or when another screen changed it). */
  reload: () => void;
  /** Reads the workspace again without showing it as loading (another screen changed the active store). */
  refresh: () => void;
  /** Main answered a demo change with the new demo status; no need to read everything again. */
  setDemo: (demo: DemoStatus) => void;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace must be used inside <WorkspaceProvider>');
  return value;
}
