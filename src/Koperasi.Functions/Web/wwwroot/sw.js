// The treasurer's page offline: the files of this version are kept in one cache; the page itself is asked of the
// network first and served from the cache when there is none. The API (/api/) is never cached or touched here:
// offline transactions wait in the page's own outbox (IndexedDB) and are sent by the page.
'use strict';
const CACHE = 'koperasi-{{version}}';
const PRECACHE = ['/', {{precache}}, '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('koperasi-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  if (request.mode === 'navigate' || url.pathname === '/' || url.pathname === '/index.html') {
    // A weak signal must not keep the page blank: after a few seconds the cached page is shown instead.
    const cached = () => caches.open(CACHE).then((cache) => cache.match('/'));
    const network = fetch(request);
    const slow = new Promise((resolve) => setTimeout(resolve, 4000)).then(cached).then((hit) => hit || network);
    event.respondWith(Promise.race([network.catch(cached), slow]));
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request)).then((hit) => hit || fetch(request)));
});
