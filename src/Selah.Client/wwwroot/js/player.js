// Selah's audio engine: two <audio> elements (the playing one and the next track, preloaded for a near-gapless
// change), Media Session, keyboard shortcuts and the saved position. The queue itself lives in .NET (PlayerService);
// this module reports time, state and commands back through a DotNetObjectReference.
let dotnet = null;
let current = null;
let upcoming = null;
let upcomingSrc = null;
let lastTimeReport = 0;
let lastPositionSave = 0;
let volumeState = { volume: 1, muted: false, gain: 1 };
let rate = 1;

const POSITION_KEY = "selah.player.position";
const STATE_KEY = "selah.player.state";

function createAudio() {
  const audio = document.createElement("audio");
  audio.preload = "auto";
  audio.hidden = true;
  audio.dataset.selahPlayer = "";
  document.body.appendChild(audio);
  for (const name of ["timeupdate", "durationchange", "playing", "pause", "ended", "error", "waiting", "loadedmetadata"]) {
    audio.addEventListener(name, (event) => onAudioEvent(audio, event));
  }
  return audio;
}

function markCurrent() {
  current.setAttribute("data-selah-current", "");
  upcoming.removeAttribute("data-selah-current");
}

/** Which rendition this browser plays: opus, aac, or hls (native HLS); null when none works. */
export function pickFormat() {
  const probe = current ?? document.createElement("audio");
  if (probe.canPlayType('audio/ogg; codecs="opus"')) return "opus";
  if (probe.canPlayType('audio/mp4; codecs="mp4a.40.2"')) return "aac";
  if (probe.canPlayType("application/vnd.apple.mpegurl")) return "hls";
  return null;
}

export function init(reference) {
  dotnet = reference;
  if (!current) {
    current = createAudio();
    upcoming = createAudio();
    markCurrent();
    document.addEventListener("keydown", onKeyDown);
    window.addEventListener("pagehide", savePosition);
    setUpMediaSession();
  }
  return pickFormat();
}

function onAudioEvent(audio, event) {
  if (audio !== current || !dotnet) return;
  switch (event.type) {
    case "timeupdate":
    case "durationchange":
    case "loadedmetadata": {
      const now = performance.now();
      if (event.type !== "timeupdate" || now - lastTimeReport > 240) {
        lastTimeReport = now;
        dotnet.invokeMethodAsync("OnTime", audio.currentTime || 0, finite(audio.duration));
        updatePositionState();
      }
      if (now - lastPositionSave > 2000) {
        lastPositionSave = now;
        savePosition();
      }
      break;
    }
    case "playing":
      dotnet.invokeMethodAsync("OnPlaying", true);
      if ("mediaSession" in navigator) navigator.mediaSession.playbackState = "playing";
      break;
    case "pause":
      dotnet.invokeMethodAsync("OnPlaying", false);
      if ("mediaSession" in navigator) navigator.mediaSession.playbackState = "paused";
      savePosition();
      break;
    case "waiting":
      dotnet.invokeMethodAsync("OnWaiting");
      break;
    case "ended":
      onEnded();
      break;
    case "error":
      dotnet.invokeMethodAsync("OnError", audio.error ? audio.error.message || `code ${audio.error.code}` : "unknown");
      break;
  }
}

function finite(value) {
  return Number.isFinite(value) ? value : 0;
}

// When the next track is already buffered, switch to it here without waiting for .NET: that is the near-gapless part.
function onEnded() {
  if (upcomingSrc && upcoming.src && sameSrc(upcoming.src, upcomingSrc)) {
    swap();
    current.currentTime = 0;
    applyVolume();
    current.playbackRate = rate;
    current.play().catch(() => {});
    dotnet.invokeMethodAsync("OnAdvanced");
  } else {
    dotnet.invokeMethodAsync("OnEnded");
  }
}

function swap() {
  const previous = current;
  current = upcoming;
  upcoming = previous;
  upcoming.pause();
  upcoming.removeAttribute("src");
  upcoming.load();
  upcomingSrc = null;
  markCurrent();
}

function sameSrc(a, b) {
  return new URL(a, location.href).href === new URL(b, location.href).href;
}

/** Loads a track; plays it when autoplay is true. Reuses the preloaded element when it holds this source. */
export async function load(src, startAt, autoplay) {
  if (upcomingSrc && sameSrc(upcomingSrc, src)) {
    current.pause();
    swap();
  } else {
    current.src = src;
  }
  current.loop = false;
  applyVolume();
  current.playbackRate = rate;
  if (startAt > 0) {
    const seekTo = () => { try { current.currentTime = startAt; } catch { /* not seekable yet */ } };
    if (current.readyState >= 1) seekTo(); else current.addEventListener("loadedmetadata", seekTo, { once: true });
  } else if (current.currentTime > 0) {
    current.currentTime = 0;
  }
  if (autoplay) return play();
  return true;
}

export async function play() {
  try {
    await current.play();
    return true;
  } catch (error) {
    // Autoplay refused (no user gesture yet) or the source failed: .NET shows the play button again.
    dotnet?.invokeMethodAsync("OnPlaying", false);
    return false;
  }
}

export function pause() {
  current.pause();
}

export function seek(seconds) {
  if (!current.src) return;
  const duration = finite(current.duration);
  current.currentTime = Math.max(0, duration > 0 ? Math.min(seconds, duration - 0.05) : seconds);
  lastTimeReport = 0;
  savePosition();
}

export function currentTime() {
  return current ? current.currentTime || 0 : 0;
}

/** Volume 0–1, mute, and the loudness-normalisation gain (linear; above 1 is clipped, so loud tracks get quieter). */
export function setVolume(volume, muted, gain) {
  volumeState = { volume, muted, gain };
  applyVolume();
}

function applyVolume() {
  if (!current) return;
  const level = Math.max(0, Math.min(1, volumeState.volume * Math.min(1, volumeState.gain || 1)));
  current.volume = level;
  current.muted = volumeState.muted;
  upcoming.muted = volumeState.muted;
}

export function setRate(value) {
  rate = value;
  if (current) current.playbackRate = value;
}

export function setLoop(loop) {
  if (current) current.loop = loop;
}

/** Starts buffering the track that follows (null clears it). */
export function preload(src) {
  if (!src) {
    upcomingSrc = null;
    if (upcoming.src) {
      upcoming.removeAttribute("src");
      upcoming.load();
    }
    return;
  }
  if (upcomingSrc && sameSrc(upcomingSrc, src)) return;
  upcomingSrc = src;
  upcoming.src = src;
  upcoming.preload = "auto";
  upcoming.load();
}

export function stop() {
  current.pause();
  current.removeAttribute("src");
  current.load();
  preload(null);
}

// ---- Media Session ----
function setUpMediaSession() {
  if (!("mediaSession" in navigator)) return;
  const handlers = {
    play: () => dotnet?.invokeMethodAsync("OnCommand", "play"),
    pause: () => dotnet?.invokeMethodAsync("OnCommand", "pause"),
    previoustrack: () => dotnet?.invokeMethodAsync("OnCommand", "previous"),
    nexttrack: () => dotnet?.invokeMethodAsync("OnCommand", "next"),
    seekbackward: (d) => seek(current.currentTime - (d.seekOffset || 10)),
    seekforward: (d) => seek(current.currentTime + (d.seekOffset || 10)),
    seekto: (d) => seek(d.seekTime),
  };
  for (const [action, handler] of Object.entries(handlers)) {
    try { navigator.mediaSession.setActionHandler(action, handler); } catch { /* action not supported */ }
  }
}

export function setMetadata(title, artist, album, artwork) {
  if (!("mediaSession" in navigator) || typeof MediaMetadata === "undefined") return;
  const art = artwork ? [96, 192, 512].map((size) => ({ src: artwork, sizes: `${size}x${size}`, type: "image/webp" })) : [];
  navigator.mediaSession.metadata = new MediaMetadata({ title, artist, album: album || "", artwork: art });
  document.title = `${title} · ${artist} · Selah`;
}

function updatePositionState() {
  if (!("mediaSession" in navigator) || !navigator.mediaSession.setPositionState) return;
  const duration = finite(current.duration);
  if (duration <= 0) return;
  try {
    navigator.mediaSession.setPositionState({ duration, playbackRate: current.playbackRate || 1, position: Math.min(current.currentTime, duration) });
  } catch { /* ignore */ }
}

// ---- Keyboard shortcuts: space, ←/→, M, N, P — not while typing, and not for keys a focused control needs ----
function onKeyDown(event) {
  if (!dotnet || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  const target = event.target;
  if (target instanceof Element && target.closest("[data-reorder-handle]") && ["ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) {
    event.preventDefault(); // the handle moves its row (handled in .NET); the page must not scroll
    return;
  }
  if (target instanceof Element) {
    if (target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='textbox'], [role='slider'], [role='listbox'], [role='menu']")) return;
    if (event.key === " " && target.closest("button, a, [role='button'], [role='menuitem'], [role='option']")) return;
  }
  let command = null;
  switch (event.key) {
    case " ": command = "toggle"; break;
    case "ArrowLeft": seek(current.currentTime - 5); event.preventDefault(); return;
    case "ArrowRight": seek(current.currentTime + 5); event.preventDefault(); return;
    case "m": case "M": command = "mute"; break;
    case "n": case "N": command = "next"; break;
    case "p": case "P": command = "previous"; break;
    default: return;
  }
  if (!current.src && command !== "toggle") return;
  event.preventDefault();
  dotnet.invokeMethodAsync("OnCommand", command);
}

// ---- Saved state (queue and settings from .NET; position kept here so it is current at pagehide) ----
export function saveState(json) {
  try { localStorage.setItem(STATE_KEY, json); } catch { /* storage full or private mode */ }
}

export function loadState() {
  try {
    return { state: localStorage.getItem(STATE_KEY), position: parseFloat(localStorage.getItem(POSITION_KEY) || "0") || 0 };
  } catch {
    return { state: null, position: 0 };
  }
}

function savePosition() {
  if (!current || !current.src) return;
  try { localStorage.setItem(POSITION_KEY, String(current.currentTime || 0)); } catch { /* ignore */ }
}

// ---- Lyrics ----
export function scrollIntoViewIfNeeded(id) {
  const element = document.getElementById(id);
  if (!element) return;
  const container = element.closest("[data-lyrics-scroll]");
  if (!container) return;
  const top = element.offsetTop - container.clientHeight / 2 + element.clientHeight / 2;
  container.scrollTo({ top: Math.max(0, top), behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
}

export function focusElement(id) {
  document.getElementById(id)?.focus();
}

// Globals for components that do not hold the module reference.
window.selahFocus = focusElement;
window.selahScrollLyric = scrollIntoViewIfNeeded;
