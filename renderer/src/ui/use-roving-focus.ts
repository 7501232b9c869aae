import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

const NEXT = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * One tab stop for a whole chart: of the items matching `selector` inside the container, only one is in
 * the Tab order (the last one focused, at first the first); the arrow keys, Home and End move between
 * them. Put the returned handlers and ref on the container; items render with tabIndex={-1}.
 */
export function useRovingFocus<E extends HTMLElement>(
  selector: string,
): {
  ref: RefObject<E | null>;
  onKeyDown(event: KeyboardEvent<E>): void;
  onFocus(event: FocusEvent<E>): void;
} {
  const ref = useRef<E>(null);
  const current = useRef(0);
  const items = () => Array.from(ref.current?.querySelectorAll<HTMLElement>(selector) ?? []);

  const settle = (all: HTMLElement[]) => {
    current.current = Math.min(current.current, Math.max(0, all.length - 1));
    all.forEach((item, index) => item.setAttribute('tabindex', index === current.current ? '0' : '-1'));
  };

  // After every render: the items may have changed (a filter, a new run).
  useLayoutEffect(() => settle(items()));

  return {
    ref,
    onFocus(event) {
      const index = items().indexOf(event.target as HTMLElement);
      if (index < 0) return;
      current.current = index;
      settle(items());
    },
    onKeyDown(event) {
      const all = items();
      const index = all.indexOf(event.target as HTMLElement);
      if (index < 0) return;
      const last = all.length - 1;
      const next = NEXT.has(event.key)
        ? Math.min(last, index + 1)
        : PREVIOUS.has(event.key)
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
      if (next === null) return;
      event.preventDefault();
      current.current = next;
      settle(all);
      all[next]?.focus();
    },
  };
}
