// Offline Bible: a downloaded translation's chapters live in Cache Storage ("selah-bible", never versioned away) under
// the lower-cased URL the reader asks for (/api/v1/bible/kjv/john.3); the service worker answers from there when the
// network is gone. What was downloaded (chapters, bytes, when) is listed in localStorage.
const CACHE = "selah-bible";
const INDEX_KEY = "selah.bible.offline";

export function supported() {
  return "caches" in window && "serviceWorker" in navigator;
}

function readIndex() {
  try { return JSON.parse(localStorage.getItem(INDEX_KEY) || "{}"); } catch { return {}; }
}

function writeIndex(index) {
  localStorage.setItem(INDEX_KEY, JSON.stringify(index));
}

function key(path) {
  return new URL(path.toLowerCase(), location.origin).href;
}

async function put(cache, path, text) {
  const blob = new Blob([text], { type: "application/json; charset=utf-8" });
  await cache.put(key(path), new Response(blob, { headers: { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(blob.size) } }));
  return blob.size;
}

async function reason(response) {
  try {
    const problem = await response.json();
    if (problem && (problem.detail || problem.title)) return problem.title || problem.detail;
  } catch { /* not problem+json */ }
  return `HTTP ${response.status}`;
}

async function get(path) {
  const response = await fetch(path, { credentials: "same-origin", cache: "no-cache" });
  if (!response.ok) throw new Error(await reason(response));
  return response.text();
}

/** Stores the translation list and the translation's book list (the reader needs both before any chapter). Returns bytes. */
export async function begin(translation) {
  const cache = await caches.open(CACHE);
  const t = encodeURIComponent(translation);
  let bytes = await put(cache, "/api/v1/bible/translations", await get("/api/v1/bible/translations"));
  bytes += await put(cache, `/api/v1/bible/${t}/books`, await get(`/api/v1/bible/${t}/books`));
  return bytes;
}

/** Downloads one book and keeps each chapter under its chapter URL. Returns { chapters, bytes }. */
export async function downloadBook(translation, book) {
  const t = encodeURIComponent(translation);
  const whole = JSON.parse(await get(`/api/v1/bible/${t}/books/${encodeURIComponent(book)}`));
  const cache = await caches.open(CACHE);
  let bytes = 0;
  for (const chapter of whole.chapters) {
    bytes += await put(cache, `/api/v1/bible/${t}/${encodeURIComponent(chapter.osis)}`, JSON.stringify(chapter));
  }
  return { chapters: whole.chapters.length, bytes };
}

/** Marks the translation as downloaded once every book is stored. */
export function finish(translation, chapters, bytes) {
  const index = readIndex();
  index[translation] = { chapters, bytes, downloadedAt: new Date().toISOString() };
  writeIndex(index);
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
}

/** Removes every stored chapter of the translation (also a half-finished download). */
export async function remove(translation) {
  const cache = await caches.open(CACHE);
  const prefix = key(`/api/v1/bible/${encodeURIComponent(translation)}/`);
  for (const request of await cache.keys()) {
    if (request.url.startsWith(prefix)) await cache.delete(request);
  }
  const index = readIndex();
  delete index[translation];
  writeIndex(index);
  if (Object.keys(index).length === 0) await cache.delete(key("/api/v1/bible/translations"));
}

/** { translation: { chapters, bytes, downloadedAt } }; an entry whose book list was evicted is dropped. */
export async function list() {
  const index = readIndex();
  if (!supported()) return {};
  const cache = await caches.open(CACHE);
  let changed = false;
  for (const translation of Object.keys(index)) {
    if (!(await cache.match(key(`/api/v1/bible/${encodeURIComponent(translation)}/books`)))) {
      delete index[translation];
      changed = true;
    }
  }
  if (changed) writeIndex(index);
  return index;
}
