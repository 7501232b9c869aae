import { useEffect, useState } from 'react';

/** How long a screen's code and first reads may take before its heading is given up on. */
const HEADING_WAIT_MS = 10_000;

const visibleHeading = (main: HTMLElement): HTMLElement | null =>
  Array.from(main.querySelectorAll<HTMLElement>('h1')).find((h1) => h1.checkVisibility()) ?? null;

/**
 * Announces each screen the way a page load would: the window title names the screen, and after every
 * change of screen (the menu, a link inside a screen, Back) focus goes to the new screen's h1, so a
 * screen reader reads where the user now is and Tab goes on from the top of it, not from <body>.
 * The first screen is left alone: on start the window, not a heading, has focus.
 */
export function useScreenAnnouncement(mainId: string, title: string): void {
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    document.title = title;
  }, [title]);

  // A hash change is a change of screen, or of the page within one (an explanation, after openExplanation).
  useEffect(() => {
    const changed = () => setChanges((n) => n + 1);
    window.addEventListener('hashchange', changed);
    window.addEventListener('popstate', changed);
    return () => {
      window.removeEventListener('hashchange', changed);
      window.removeEventListener('popstate', changed);
    };
  }, []);

  useEffect(() => {
    if (changes === 0) return;
    const main = document.getElementById(mainId);
    if (!main) return;
    let observer: MutationObserver | null = null;
    let giveUp = 0;
    const focus = (heading: HTMLElement) => {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      main.scrollTop = 0;
      heading.focus({ preventScroll: true });
    };
    // On the next frame the new screen is in the page (the old one's heading gone with it).
    const frame = requestAnimationFrame(() => {
      const now = visibleHeading(main);
      if (now) {
        focus(now);
        return;
      }
      // A screen opened for the first time shows its heading once its code is here.
      const watching = new MutationObserver(() => {
        const heading = visibleHeading(main);
        if (heading) {
          watching.disconnect();
          focus(heading);
        }
      });
      observer = watching;
      watching.observe(main, { childList: true, subtree: true });
      giveUp = window.setTimeout(() => watching.disconnect(), HEADING_WAIT_MS);
    });
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
      window.clearTimeout(giveUp);
    };
  }, [changes, mainId]);
}
