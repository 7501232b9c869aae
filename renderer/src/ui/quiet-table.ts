import type { SpinProps } from 'antd';

/**
 * For a Table's `loading`: antd wraps every table in a Spin that is aria-live="polite", so a screen reader
 * would read the whole table out again on each change. Live regions are for what changes now, not tables.
 */
export const QUIET_TABLE: SpinProps = { spinning: false, 'aria-live': 'off' } as SpinProps;
