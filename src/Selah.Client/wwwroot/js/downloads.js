// Offline downloads: audio (and cover art) in Cache Storage, served by the service worker even without a network;
// what was downloaded (the track JSON, URLs and sizes) is listed in localStorage so the Downloads page works offline.
const CACHE = "selah-downloads";
const INDEX_KEY = "selah.downloads";

export function supported() {
  return "caches" in window && "serviceWorker" in navigator;
}

function readIndex() {
  try { return JSON.parse(localStorage.getItem(INDEX_KEY) || "{}"); } catch { return {}; }
}

function writeIndex(index) {
  localStorage.setItem(INDEX_KEY, JSON.stringify(index));
}

/**
 * Downloads one track: urls[0] is the audio as the player asks for it (the stream URL the service worker answers from
 * the cache), fetched from fileUrl (the download endpoint, which applies the server's download rule); the rest of urls
 * (cover art) are optional. Returns the bytes stored; throws with the server's reason when the download is refused.
 */
export async function download(id, trackJson, urls, fileUrl) {
  const cache = await caches.open(CACHE);
  let bytes = 0;
  for (let i = 0; i < urls.length; i++) {
    const url = new URL(urls[i], location.href).href;
    const response = await fetch(i === 0 && fileUrl ? new URL(fileUrl, location.href).href : url, { credentials: "same-origin" });
    if (!response.ok) {
      if (i === 0) throw new Error(await reason(response));
      continue; // no cover is fine
    }
    const blob = await response.blob();
    bytes += blob.size;
    await cache.put(url, new Response(blob, { headers: { "Content-Type": response.headers.get("Content-Type") || "application/octet-stream", "Content-Length": String(blob.size) } }));
  }
  const index = readIndex();
  index[id] = { track: trackJson, urls: urls.map((u) => new URL(u, location.href).href), bytes, downloadedAt: new Date().toISOString() };
  writeIndex(index);
  // Ask the browser not to evict downloads under storage pressure.
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  return bytes;
}

async function reason(response) {
  try {
    const problem = await response.json();
    if (problem && (problem.detail || problem.title)) return problem.detail || problem.title;
  } catch { /* not problem+json */ }
  return `HTTP ${response.status}`;
}

export async function remove(id) {
  const index = readIndex();
  const entry = index[id];
  if (entry) {
    const cache = await caches.open(CACHE);
    for (const url of entry.urls) await cache.delete(url);
    delete index[id];
    writeIndex(index);
  }
}

/** [{ id, track (JSON), bytes, downloadedAt }], newest first; entries whose audio was evicted are dropped. */
export async function list() {
  const index = readIndex();
  const cache = "caches" in window ? await caches.open(CACHE) : null;
  const result = [];
  let changed = false;
  for (const [id, entry] of Object.entries(index)) {
    if (cache && !(await cache.match(entry.urls[0]))) {
      delete index[id];
      changed = true;
      continue;
    }
    result.push({ id, track: entry.track, bytes: entry.bytes, downloadedAt: entry.downloadedAt });
  }
  if (changed) writeIndex(index);
  return result.sort((a, b) => (a.downloadedAt < b.downloadedAt ? 1 : -1));
}

export function ids() {
  return Object.keys(readIndex());
}
