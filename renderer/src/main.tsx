import './zod-config';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupApi } from './api/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const setup = setupApi();
createRoot(root).render(
  <StrictMode>
    <App setup={setup} />
  </StrictMode>,
);
