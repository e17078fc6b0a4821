// Selah service worker: caches the app shell so Selah opens offline. API responses are never cached.
// Bump CACHE_VERSION whenever the precached shell changes; old caches are deleted on activate.
const CACHE_VERSION = "v1";
const SHELL_CACHE = `selah-shell-${CACHE_VERSION}`;
const RUNTIME_CACHE = `selah-runtime-${CACHE_VERSION}`;

const SHELL = [
  "/",
  "/manifest.webmanifest",
  "/app.css",
  "/js/selah.js",
  "/favicon.svg",
  "/favicon-32.png",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/icon-maskable-192.png",
  "/icons/icon-maskable-512.png",
  "/icons/apple-touch-icon.png",
];

// A file name carrying a content hash (name.<fingerprint>.ext, as MapStaticAssets and the .NET WebAssembly build
// produce) never changes, so it is safe to serve from the cache forever.
const FINGERPRINTED = /\.[a-z0-9]{8,}\.[a-z0-9]+$/i;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  const keep = new Set([SHELL_CACHE, RUNTIME_CACHE]);
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("selah-") && !keep.has(key)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;

  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return; // never cache API answers

  if (request.mode === "navigate") {
    event.respondWith(networkFirstNavigation(request));
    return;
  }

  if (url.pathname.startsWith("/_framework/") || url.pathname.startsWith("/_content/")) {
    event.respondWith(FINGERPRINTED.test(url.pathname) ? cacheFirst(request) : staleWhileRevalidate(request));
    return;
  }

  if (SHELL.includes(url.pathname)) {
    event.respondWith(staleWhileRevalidate(request));
  }
});

// Pages come from the network so they are always current; offline, the cached shell boots the app instead.
async function networkFirstNavigation(request) {
  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).pathname === "/") {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put("/", response.clone());
    }
    return response;
  } catch {
    const cached = await caches.match("/", { cacheName: SHELL_CACHE });
    return cached ?? new Response("Selah is offline.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(RUNTIME_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

// Files without a fingerprint: answer from the cache at once, refresh it in the background.
async function staleWhileRevalidate(request) {
  const cache = await caches.open(RUNTIME_CACHE);
  const cached = await caches.match(request);
  const network = fetch(request)
    .then(async (response) => {
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached ?? network;
}
