import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { SHARE_WINDOW_PATH } from '../../src-common/ipc/app';
import { App } from './App';
import './styles.css';
import './meeting.css';

// The desktop app's CSP forbids eval: zod must not even try its compiled fast path.
z.config({ jitless: true });

// A pop-out share window runs no app of its own: its opener renders the share into it.
if (location.pathname !== SHARE_WINDOW_PATH) {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
