import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './app/app.css';
import { App } from './app/App';
import { hasDoctorBridge, startStartupReads } from './ipc/doctor';
import { startFirstScreen } from './app/screens';
import { reportRendererErrors } from './app/report-errors';

// Only needed when something is badly wrong, so it stays out of the start-up bundle.
const NoBridge = lazy(() => import('./app/NoBridge'));

if (hasDoctorBridge()) {
  reportRendererErrors();
  // Start-up reads and the first screen's code go out now, side by side, before the first render.
  startStartupReads();
  void startFirstScreen();
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    {hasDoctorBridge() ? (
      <App />
    ) : (
      <Suspense>
        <NoBridge />
      </Suspense>
    )}
  </StrictMode>,
);
