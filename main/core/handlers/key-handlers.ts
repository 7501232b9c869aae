import { createKeyToolHandlers } from '../../keys/key-tool-service';
import type { CoreContext } from '../core-context';
import type { HandlerGroup } from '../handler-table';

/** The key tool (说明与设置 › 密钥工具): new key pairs for the active store, conversions, pair checks. */
export function handlers({ workspace, demo, options }: CoreContext) {
  return createKeyToolHandlers({
    active: () => workspace.active(),
    replaceActiveKey: (pem) => workspace.replaceActiveKey(pem),
    backOfficeUrl: () => demo?.current()?.backOfficeUrl ?? null,
    ...(options.pickFile ? { pickFile: options.pickFile } : {}),
    ...(options.saveFile ? { saveFile: options.saveFile } : {}),
    ...(options.openBackOffice ? { openBackOffice: options.openBackOffice } : {}),
  }) satisfies HandlerGroup;
}
