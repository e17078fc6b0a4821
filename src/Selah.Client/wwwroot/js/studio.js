// Studio helpers for the Blazor client: a drop zone + file picker that keeps the chosen File objects in the browser,
// uploads with XMLHttpRequest (the only browser API that reports upload progress) and previews a track's stream.
// Loaded as an ES module: import("./js/studio.js").

const files = new Map(); // id -> File, until uploaded or removed
let nextId = 1;

function accept(dotnet, fileList) {
  const added = [];
  for (const file of fileList) {
    const id = `f${nextId++}`;
    files.set(id, file);
    added.push({ id, name: file.name, size: file.size, type: file.type || "" });
  }
  if (added.length > 0) {
    dotnet.invokeMethodAsync("FilesAdded", added);
  }
}

/** Wires a drop zone and a file input to the .NET component; returns a handle whose dispose() unhooks everything. */
export function attach(zone, input, dotnet) {
  let depth = 0;
  const setOver = (over) => zone.classList.toggle("drag-over", over);
  const onDragEnter = (e) => { e.preventDefault(); depth++; setOver(true); };
  const onDragOver = (e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = "copy"; };
  const onDragLeave = () => { depth = Math.max(0, depth - 1); if (depth === 0) setOver(false); };
  const onDrop = (e) => {
    e.preventDefault();
    depth = 0;
    setOver(false);
    if (e.dataTransfer && e.dataTransfer.files) accept(dotnet, e.dataTransfer.files);
  };
  const onChange = () => {
    accept(dotnet, input.files || []);
    input.value = ""; // choosing the same file again fires change again
  };
  // Dropping a file next to the zone must not navigate away from the page.
  const onWindowDrop = (e) => { if (e.dataTransfer && e.dataTransfer.types.includes("Files")) e.preventDefault(); };

  zone.addEventListener("dragenter", onDragEnter);
  zone.addEventListener("dragover", onDragOver);
  zone.addEventListener("dragleave", onDragLeave);
  zone.addEventListener("drop", onDrop);
  input.addEventListener("change", onChange);
  window.addEventListener("dragover", onWindowDrop);
  window.addEventListener("drop", onWindowDrop);
  return {
    dispose: () => {
      zone.removeEventListener("dragenter", onDragEnter);
      zone.removeEventListener("dragover", onDragOver);
      zone.removeEventListener("dragleave", onDragLeave);
      zone.removeEventListener("drop", onDrop);
      input.removeEventListener("change", onChange);
      window.removeEventListener("dragover", onWindowDrop);
      window.removeEventListener("drop", onWindowDrop);
    },
  };
}

export function openPicker(input) {
  input.click();
}

export function forget(id) {
  files.delete(id);
}

const uploads = new Map(); // id -> XMLHttpRequest in flight

/**
 * POSTs the file as multipart (part "metadata" first, then "file") with the session cookie and the antiforgery header.
 * Reports progress through dotnet.invokeMethodAsync("Progress", id, sent, total) and resolves with
 * { status, body, contentType, retryAfter } — also for error statuses; status 0 means the network failed or it was cancelled.
 */
export function upload(id, url, metadataJson, headerName, token, dotnet) {
  const file = files.get(id);
  if (!file) {
    return Promise.resolve({ status: 0, body: "", contentType: "", retryAfter: "", missing: true });
  }

  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    uploads.set(id, xhr);
    let last = 0;
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader(headerName, token);
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    xhr.upload.onprogress = (e) => {
      const now = performance.now();
      if (e.lengthComputable && (now - last > 150 || e.loaded === e.total)) {
        last = now;
        dotnet.invokeMethodAsync("Progress", id, e.loaded, e.total);
      }
    };
    const done = (status) => {
      uploads.delete(id);
      resolve({
        status,
        body: status === 0 ? "" : xhr.responseText || "",
        contentType: status === 0 ? "" : xhr.getResponseHeader("Content-Type") || "",
        retryAfter: status === 0 ? "" : xhr.getResponseHeader("Retry-After") || "",
      });
    };
    xhr.onload = () => done(xhr.status);
    xhr.onerror = () => done(0);
    xhr.onabort = () => done(0);
    const form = new FormData();
    if (metadataJson) {
      form.append("metadata", new Blob([metadataJson], { type: "application/json" }), "metadata.json");
    }
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

export function cancel(id) {
  const xhr = uploads.get(id);
  if (xhr) xhr.abort();
}

/** Plays a track's stream in the audio element: Opus where the browser can, else AAC, else the original. */
export async function preview(audio, streamUrl) {
  const format = audio.canPlayType('audio/ogg; codecs="opus"') ? "opus" : audio.canPlayType('audio/mp4; codecs="mp4a.40.2"') ? "aac" : "original";
  const src = `${streamUrl}?format=${format}`;
  if (!audio.src.endsWith(src)) {
    audio.src = src;
  }
  try {
    await audio.play();
    return true;
  } catch {
    return false;
  }
}

export function pause(audio) {
  audio.pause();
}

/** Tells .NET when the audio element starts or stops playing (PlayingChanged(bool)), so buttons show Play or Pause. */
export function watch(audio, dotnet) {
  const playing = () => dotnet.invokeMethodAsync("PlayingChanged", true);
  const stopped = () => dotnet.invokeMethodAsync("PlayingChanged", false);
  audio.addEventListener("playing", playing);
  audio.addEventListener("pause", stopped);
  audio.addEventListener("ended", stopped);
  return {
    dispose: () => {
      audio.removeEventListener("playing", playing);
      audio.removeEventListener("pause", stopped);
      audio.removeEventListener("ended", stopped);
    },
  };
}
