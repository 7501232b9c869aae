/**
 * The renderer's CSP, sent as a header by the app:// protocol (and mirrored in index.html's meta tag).
 * style-src needs 'unsafe-inline' because antd's CSS-in-JS injects <style> elements at run time;
 * scripts stay 'self' only.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The media types of the built renderer's files, as the app:// protocol (and the tests' server) send them. */
export const RENDERER_MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
