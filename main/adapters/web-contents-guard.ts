import { app, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { backOfficeMayNavigate, isSimulationWebContents } from './guarded-contents';

/** True for the URLs our own renderer is served from; used by navigation and IPC sender checks. */
export const isAppUrl = (url: string | undefined): boolean => !!url && url.startsWith(`${APP_ORIGIN}/`);

/**
 * Electron security guide, items 12 to 15: no navigation away from the app, no new windows, no
 * permissions, no webviews. External https links go to the user's browser; nothing else leaves.
 */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // The hidden buyer's window of a simulation must follow the cashier's redirects like a browser;
    // its own CDP gate blocks what a buyer's browser would (http hops, loops). Every other page stays put.
    const mayLeave = () => isSimulationWebContents(contents);
    // The URL is read from the event's details (docs/api/web-contents.md): the second argument is deprecated.
    contents.on('will-navigate', (details) => {
      // The sandbox back office posts its form to its own page (back-office-window.ts).
      const { url } = details;
      if (!isAppUrl(url) && !mayLeave() && !backOfficeMayNavigate(contents, url)) details.preventDefault();
    });
    contents.on('will-redirect', (details) => {
      if (!isAppUrl(details.url) && !mayLeave()) details.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    contents.session.setPermissionCheckHandler(() => false);
  });
}
