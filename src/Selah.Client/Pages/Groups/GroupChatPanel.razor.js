// Keeps a chat log scrolled to the newest message, unless the reader has scrolled up to read older ones.
export function scrollToEnd(log, force) {
  if (!log) return;
  const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
  if (force || nearEnd) log.scrollTop = log.scrollHeight;
}
