const SIZE = 32;

/** The label drawn on the favicon: nothing for zero, "9+" past nine (two digits do not fit 16 px). */
export function badgeLabel(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 9 ? '9+' : String(unread);
}

/** A favicon as a data URL: the Parley bubble, with a red unread badge when there is something to read. */
export function drawFavicon(canvas: HTMLCanvasElement, unread: number): string | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  canvas.width = SIZE;
  canvas.height = SIZE;
  ctx.clearRect(0, 0, SIZE, SIZE);
  ctx.fillStyle = '#2f6fed';
  ctx.beginPath();
  ctx.arc(14, 14, 12, 0, Math.PI * 2);
  ctx.fill();
  const label = badgeLabel(unread);
  if (label) {
    ctx.fillStyle = '#d93025';
    ctx.beginPath();
    ctx.arc(22, 22, 10, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = `bold ${label.length > 1 ? 11 : 14}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, 22, 23);
  }
  return canvas.toDataURL('image/png');
}

/** Points the page's icon link (created once) at a freshly drawn badge. */
export function showFaviconBadge(doc: Document, unread: number): void {
  let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    doc.head.append(link);
  }
  const url = drawFavicon(doc.createElement('canvas'), unread);
  if (url) link.href = url;
}
