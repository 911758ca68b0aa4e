// PNG export of the map with its title, legend, date and sources, composed on a 2D canvas
// (the WebGL canvas keeps its drawing buffer for this). Browser-only.

export interface PngLegendItem {
  color: string;
  label: string;
}

export interface PngExportOptions {
  title: string;
  subtitle?: string;
  legendTitle?: string;
  legend?: PngLegendItem[];
  /** 3 × 3 bivariate legend: rows top (high need) → bottom, columns left (low support) → right. */
  bivariate?: { grid: string[][]; xLabel: string; yLabel: string };
  sources: string;
  date?: Date;
}

const FONT = 'Marianne, Arial, sans-serif';

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const t = line ? `${line} ${w}` : w;
    if (ctx.measureText(t).width > maxWidth && line) {
      lines.push(line);
      line = w;
    } else line = t;
  }
  if (line) lines.push(line);
  return lines;
}

export function composeMapPng(mapCanvas: HTMLCanvasElement, o: PngExportOptions): HTMLCanvasElement {
  const ratio = mapCanvas.width / mapCanvas.clientWidth || 1;
  const mapW = mapCanvas.width;
  const mapH = mapCanvas.height;
  const pad = 24 * ratio;
  const legendW = 300 * ratio;
  const headerH = (o.subtitle ? 80 : 56) * ratio;
  const footerH = 56 * ratio;
  const out = document.createElement('canvas');
  out.width = mapW + legendW + pad * 3;
  out.height = headerH + mapH + footerH + pad * 2;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#161616';
  ctx.font = `700 ${22 * ratio}px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.fillText(o.title, pad, pad);
  if (o.subtitle) {
    ctx.font = `${15 * ratio}px ${FONT}`;
    ctx.fillText(o.subtitle, pad, pad + 32 * ratio);
  }
  const mapY = pad + headerH;
  ctx.drawImage(mapCanvas, pad, mapY);
  ctx.strokeStyle = '#929292';
  ctx.lineWidth = ratio;
  ctx.strokeRect(pad, mapY, mapW, mapH);

  // Legend, right of the map.
  let x = pad * 2 + mapW;
  let y = mapY;
  if (o.legendTitle) {
    ctx.font = `700 ${14 * ratio}px ${FONT}`;
    for (const l of wrap(ctx, o.legendTitle, legendW)) {
      ctx.fillText(l, x, y);
      y += 18 * ratio;
    }
    y += 8 * ratio;
  }
  ctx.font = `${13 * ratio}px ${FONT}`;
  for (const item of o.legend ?? []) {
    ctx.fillStyle = item.color;
    ctx.fillRect(x, y, 22 * ratio, 14 * ratio);
    ctx.strokeStyle = '#929292';
    ctx.strokeRect(x, y, 22 * ratio, 14 * ratio);
    ctx.fillStyle = '#161616';
    const lines = wrap(ctx, item.label, legendW - 32 * ratio);
    lines.forEach((l, i) => ctx.fillText(l, x + 30 * ratio, y + i * 16 * ratio));
    y += Math.max(22, lines.length * 16 + 6) * ratio;
  }
  if (o.bivariate) {
    const cell = 36 * ratio;
    const gx = x + 24 * ratio;
    o.bivariate.grid.forEach((row, r) =>
      row.forEach((color, c) => {
        ctx.fillStyle = color;
        ctx.fillRect(gx + c * cell, y + r * cell, cell - ratio, cell - ratio);
      }),
    );
    ctx.fillStyle = '#161616';
    ctx.font = `${13 * ratio}px ${FONT}`;
    ctx.fillText(o.bivariate.xLabel, gx, y + 3 * cell + 6 * ratio);
    ctx.save();
    ctx.translate(x + 4 * ratio, y + 3 * cell);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(o.bivariate.yLabel, 0, 0);
    ctx.restore();
    y += 3 * cell + 30 * ratio;
  }

  // Footer: date and sources.
  ctx.fillStyle = '#3a3a3a';
  ctx.font = `${12 * ratio}px ${FONT}`;
  const date = (o.date ?? new Date()).toLocaleDateString('fr-FR');
  const foot = wrap(ctx, `${o.sources} — carte produite le ${date}.`, out.width - pad * 2);
  foot.forEach((l, i) => ctx.fillText(l, pad, mapY + mapH + 12 * ratio + i * 16 * ratio));
  return out;
}

export function downloadCanvas(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  return new Promise((resolve) => {
    canvas.toBlob((blob) => {
      if (blob) downloadBlob(blob, fileName);
      resolve();
    }, 'image/png');
  });
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
