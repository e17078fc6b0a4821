// Clicker / keyboard navigation for the leader view: presenter remotes send PageDown/PageUp (or arrows), "b" or "." to blank.
let handler = null;

export function listen(dotnet) {
  stop();
  handler = (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target;
    const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing) return;
    const onControl = target && ['BUTTON', 'A'].includes(target.tagName);
    let action = null;
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': action = 'next'; break;
      case ' ': if (!onControl) action = 'next'; break;
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': action = 'previous'; break;
      case 'b': case 'B': case '.': action = 'blank'; break;
    }
    if (action) {
      e.preventDefault();
      dotnet.invokeMethodAsync('OnKey', action);
    }
  };
  document.addEventListener('keydown', handler);
}

export function stop() {
  if (handler) document.removeEventListener('keydown', handler);
  handler = null;
}
