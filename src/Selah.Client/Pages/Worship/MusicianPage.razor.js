export function reveal(id) {
  const el = document.getElementById(id);
  if (el) el.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
