// Selah service worker: caches the app shell so Selah opens offline. API responses are never cached (downloads and
// downloaded Bible translations are stored by the page, and only read here).
// Bump CACHE_VERSION whenever the precached shell changes; old caches are deleted on activate.
const CACHE_VERSION = "v4";
const SHELL_CACHE = `selah-shell-${CACHE_VERSION}`;
const RUNTIME_CACHE = `selah-runtime-${CACHE_VERSION}`;
// Tracks the listener downloaded for offline listening (written by js/downloads.js). Never versioned away.
const DOWNLOAD_CACHE = "selah-downloads";
// Chapters of Bible translations downloaded for offline reading (written by js/bible-offline.js). Never versioned away.
const BIBLE_CACHE = "selah-bible";
const BIBLE = /^\/api\/v1\/bible\//i;
const STREAM = /^\/api\/v1\/tracks\/[0-9a-f-]{36}\/stream$/i;
const ARTWORK = /^\/api\/v1\/(tracks|albums)\/[0-9a-f-]{36}\/cover$/i;

const SHELL = [
  "/",
  "/manifest.webmanifest",
  "/app.css",
  "/js/selah.js",
  "/js/player.js",
  "/js/downloads.js",
  "/js/bible-offline.js",
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
  const keep = new Set([SHELL_CACHE, RUNTIME_CACHE, DOWNLOAD_CACHE, BIBLE_CACHE]);
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
  // Downloaded audio (and its artwork) plays from Cache Storage, with HTTP ranges, also when offline.
  if (STREAM.test(url.pathname) || ARTWORK.test(url.pathname)) {
    event.respondWith(fromDownloads(request));
    return;
  }
  // Bible reads go to the network; without one, a downloaded translation answers from Cache Storage.
  if (BIBLE.test(url.pathname)) {
    event.respondWith(bibleNetworkFirst(request, url));
    return;
  }
  if (url.pathname.startsWith("/api/")) return; // never cache other API answers

  if (request.mode === "navigate") {
    event.respondWith(networkFirstNavigation(request));
    return;
  }

  if (url.pathname.startsWith("/_framework/") || url.pathname.startsWith("/_content/")) {
    event.respondWith(FINGERPRINTED.test(url.pathname) ? cacheFirst(request) : staleWhileRevalidate(request));
    return;
  }

  if (SHELL.includes(url.pathname) || /\.(css|js|svg|png|webp|woff2?)$/i.test(url.pathname)) {
    event.respondWith(staleWhileRevalidate(request));
  }
});

// A downloaded file answers from the cache (a Range request gets a 206 slice, as the <audio> element asks);
// anything not downloaded goes to the network untouched.
async function fromDownloads(request) {
  const cache = await caches.open(DOWNLOAD_CACHE);
  const cached = await cache.match(request.url, { ignoreVary: true });
  if (!cached) return fetch(request);
  const range = request.headers.get("range");
  if (!range) return cached;
  const blob = await cached.blob();
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match) return cached;
  const size = blob.size;
  let start = match[1] === "" ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  let end = match[1] !== "" && match[2] !== "" ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (start >= size || start > end) {
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    statusText: "Partial Content",
    headers: {
      "Content-Type": cached.headers.get("Content-Type") || "audio/ogg",
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Content-Length": String(end - start + 1),
      "Accept-Ranges": "bytes",
    },
  });
}

async function bibleNetworkFirst(request, url) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(BIBLE_CACHE);
    const key = new URL(url.pathname.toLowerCase(), self.location.origin).href;
    const cached = await cache.match(key);
    if (cached) return cached;
    return offlineBibleProblem(cache, url);
  }
}

// Offline and not downloaded: a problem+json the reader shows as it is, naming what to do.
async function offlineBibleProblem(cache, url) {
  const parts = url.pathname.toLowerCase().split("/").slice(4); // [translation, passage | "books" | "search" ...]
  const translation = decodeURIComponent(parts[0] || "");
  const downloaded = translation && (await cache.match(new URL(`/api/v1/bible/${parts[0]}/books`, self.location.origin).href));
  let title = "You are offline.";
  let detail = "Download a translation in the Bible reader while online to read it offline.";
  if (parts[1] === "search") {
    title = "Search needs a connection.";
    detail = "Offline you can still read the chapters of a downloaded translation.";
  } else if (downloaded) {
    title = "This passage is not in the offline copy.";
    detail = "Offline, a downloaded translation opens whole chapters: choose a book and chapter.";
  } else if (translation && translation !== "translations" && translation !== "votd" && translation !== "plans") {
    title = `${translation.toUpperCase()} is not downloaded for offline reading.`;
    detail = "Connect to the internet to read it, or choose a translation you have downloaded.";
  }
  const body = JSON.stringify({ type: "about:blank", title, status: 503, detail });
  return new Response(body, { status: 503, headers: { "Content-Type": "application/problem+json; charset=utf-8" } });
}

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

// Web Push (notifications): the server sends {title, body, url, type, tag}, encrypted for this browser (RFC 8291).
self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = { body: event.data ? event.data.text() : "" }; }
  event.waitUntil(self.registration.showNotification(data.title || "Selah", {
    body: data.body || "You have a new notification.",
    tag: data.tag,
    renotify: Boolean(data.tag),
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: { url: data.url || "/notifications" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/notifications", self.location.origin);
  if (target.origin !== self.location.origin) return; // only ever open Selah's own pages
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === target.origin && "focus" in w);
      if (open) return open.focus().then((w) => (w && "navigate" in w ? w.navigate(target.href) : w));
      return self.clients.openWindow(target.href);
    }),
  );
});
