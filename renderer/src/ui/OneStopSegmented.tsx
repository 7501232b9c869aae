import { Segmented, type SegmentedProps } from 'antd';
import { useId } from 'react';

/**
 * antd's Segmented, one tab stop: its options become one named radio group (Tab reaches the chosen one,
 * the arrow keys choose), and the wrapper, a second stop of its own in antd, is left out of the Tab order.
 * Give it a name (aria-label or aria-labelledby): antd's own is "segmented control", in English.
 */
export function OneStopSegmented<T extends string | number>(props: SegmentedProps<T>) {
  const name = useId();
  return <Segmented<T> name={name} tabIndex={-1} {...props} />;
}
