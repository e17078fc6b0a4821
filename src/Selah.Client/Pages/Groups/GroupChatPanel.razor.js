// Keeps a chat log scrolled to the newest message, unless the reader has scrolled up to read older ones.
export function scrollToEnd(log, force) {
  if (!log) return;
  const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
  if (force || nearEnd) log.scrollTop = log.scrollHeight;
}

// Pictures pasted into the compose area go to the panel (bytes, with an object URL for the thumbnail); text pastes as usual.
export function listenForPastedImages(area, panel) {
  if (!area || area.dataset.pasteReady) return;
  area.dataset.pasteReady = "1";
  area.addEventListener("paste", async event => {
    const files = [...(event.clipboardData?.items ?? [])]
      .filter(item => item.kind === "file" && item.type.startsWith("image/"))
      .map(item => item.getAsFile())
      .filter(file => file);
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      await panel.invokeMethodAsync("OnPastedImageAsync", file.name || "", file.type || "", bytes, URL.createObjectURL(file));
    }
  });
}

export function revoke(url) {
  if (url && url.startsWith("blob:")) URL.revokeObjectURL(url);
}
