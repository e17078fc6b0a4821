export function fullscreen(element) {
  if (document.fullscreenElement) { document.exitFullscreen?.(); return; }
  element?.requestFullscreen?.().catch(() => {});
}
