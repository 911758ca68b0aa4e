import { mount } from 'svelte';
import './styles/dsfr.css';
import './styles/app.css';
import './styles/responsive.css';
import './styles/print.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });

// Exhibition kiosks keep working after a reboot with the server gone: the service worker
// precaches the whole app (production builds only; the desktop app does not register it).
if (import.meta.env.PROD && 'serviceWorker' in navigator && new URLSearchParams(location.search).get('mode') === 'kiosque') {
  void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch(() => {
    /* offline cache unavailable (private window, file://): the kiosk still runs while the server does */
  });
}
