import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { createApolloClient } from './apollo/client';
import { App } from './app/App';
import { appRoutes } from './app/routes';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App client={createApolloClient()} router={createBrowserRouter(appRoutes)} />
  </StrictMode>,
);
