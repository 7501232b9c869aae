/**
 * The JavaScript the simulation runs inside the page, as strings: this code is type-checked without the
 * DOM library, and each script must run in whatever engine the app drives. ES2017, no dependencies.
 */

/** The isolated world our observer runs in: the page's own scripts cannot see or tamper with it. */
export const OBSERVER_WORLD = 'baitiao-doctor-simulation';
/** The CDP binding the observer calls (exposed to OBSERVER_WORLD only). */
export const STATE_BINDING = '__baitiaoDoctorCashierState';

/**
 * Reports every change of `data-cashier-state` / `data-error-code` on <html> the moment it happens, so
 * the ready time is exact rather than a polling interval's guess. Installed before any page script runs.
 */
export const CASHIER_STATE_OBSERVER = `(() => {
  const report = (root) => {
    try {
      globalThis[${JSON.stringify(STATE_BINDING)}](JSON.stringify({
        state: root.getAttribute('data-cashier-state'),
        errorCode: root.getAttribute('data-error-code'),
      }));
    } catch (e) { /* binding gone: the page is being torn down */ }
  };
  const watch = (root) => {
    report(root);
    new MutationObserver(() => report(root)).observe(root, {
      attributes: true,
      attributeFilter: ['data-cashier-state', 'data-error-code'],
    });
  };
  if (document.documentElement) { watch(document.documentElement); return; }
  const wait = new MutationObserver(() => {
    if (!document.documentElement) return;
    wait.disconnect();
    watch(document.documentElement);
  });
  wait.observe(document, { childList: true });
})();`;

/** What a buyer can see right now, plus the cashier's attributes: the facts BLANK_PAGE and TIMEOUT rest on. */
export const VISIBLE_CONTENT_PROBE = `(() => {
  const root = document.documentElement;
  const body = document.body;
  const rendered = body ? (body.innerText || '') : '';
  const folded = rendered.replace(/\\s+/g, ' ').trim();
  let images = 0;
  for (const el of document.querySelectorAll('img, svg, canvas, video, picture, object, embed, input[type=image]')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width <= 1 || box.height <= 1) continue;
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
    if (el.tagName === 'IMG' && !(el.complete && el.naturalWidth > 0)) continue;
    images += 1;
  }
  return {
    state: root ? root.getAttribute('data-cashier-state') : null,
    errorCode: root ? root.getAttribute('data-error-code') : null,
    loaded: document.readyState === 'complete',
    textLength: folded.length,
    textSample: folded.slice(0, 200),
    images,
    renderedText: rendered.slice(0, 20000),
    href: location.href,
  };
})()`;

export interface VisibleContentProbe {
  state: string | null;
  errorCode: string | null;
  loaded: boolean;
  textLength: number;
  textSample: string;
  images: number;
  renderedText: string;
  href: string;
}

/** Clicks the cashier's way back to the store, as the buyer would; returns its href, or null if there is none. */
export const CLICK_RETURN_LINK = `(() => {
  const link = document.querySelector('[data-cashier-return]');
  if (!link) return null;
  const href = link.href || link.getAttribute('href');
  link.click();
  return href;
})()`;

/** http:// scripts, frames, form actions, stylesheets, images and media referenced by the page. */
export const INSECURE_REFERENCES = `(() => {
  const found = [];
  const add = (kind, url) => { if (typeof url === 'string' && /^http:/i.test(url)) found.push({ kind, url }); };
  document.querySelectorAll('script[src]').forEach((el) => add('script', el.src));
  document.querySelectorAll('iframe[src], frame[src]').forEach((el) => add('frame', el.src));
  Array.from(document.forms).forEach((form) => add('form-action', form.action));
  document.querySelectorAll('link[rel~="stylesheet"][href]').forEach((el) => add('stylesheet', el.href));
  document.querySelectorAll('img[src]').forEach((el) => add('image', el.src));
  document.querySelectorAll('video[src], audio[src], source[src]').forEach((el) => add('media', el.src));
  return found.slice(0, 100);
})()`;

export interface InsecureReference {
  kind: 'script' | 'frame' | 'form-action' | 'stylesheet' | 'image' | 'media';
  url: string;
}
