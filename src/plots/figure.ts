/**
 * A chart as one standalone SVG document: title, subtitle, legend and every panel drawn inside it, on a white
 * background. One SVG file shows the same everywhere: as an <img> in JupyterLab whether or not the notebook is
 * trusted (JupyterLab draws neither `image/svg+xml` nor inline <svg> for an untrusted notebook, but keeps an <img>),
 * in the HTML handouts, in a browser, on a dark theme. It is vector, so it stays sharp at any zoom.
 */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dashed?: boolean;
}

/** One plot with its own header; a figure lays its panels out in a grid. */
export interface Panel {
  /** a Plot chart without title or legend (an <svg> element) */
  readonly plot: Element;
  readonly title?: string;
  readonly subtitle?: string;
  /** colour swatches, one per series */
  readonly legend?: readonly LegendItem[];
  /** a colour ramp drawn by Plot (`chart.legend("color")` of a quantize or threshold scale) */
  readonly ramp?: Element;
}

export interface FigureOptions {
  /** the figure's title, above all panels (a single panel usually carries its own) */
  readonly title?: string;
  readonly subtitle?: string;
  /** panels per row (default: all in one row) */
  readonly columns?: number;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const PAD = 12;
const GAP = 24;
const TITLE = 16;
const SUBTITLE = 12.5;
const LEGEND = 12;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
/** Text made safe for XML and HTML, in content and in double-quoted attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/**
 * An estimate of a text's width in a sans-serif font, for laying out titles and legends inside the SVG (an SVG
 * shown as an image cannot measure its own text). Generous rather than tight.
 */
function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[il.,:;'|!ıjtf()[\] ]/.test(ch)) em += 0.34;
    else if (/[mwMW@%—]/.test(ch)) em += 0.9;
    else if (/[A-Z]/.test(ch)) em += 0.7;
    else if (/[a-z0-9]/.test(ch)) em += 0.58;
    else if (ch.codePointAt(0)! > 0x2000 && /\p{Extended_Pictographic}/u.test(ch)) em += 1.25;
    else em += 0.62;
  }
  // bold: measured in Chromium with this font stack, a bold 16 px title is 1.14× its regular estimate
  return em * fontSize * (bold ? 1.14 : 1);
}

/** Words of `text` in lines no wider than `width`. */
function wrap(text: string, fontSize: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function size(el: Element): { width: number; height: number } {
  return { width: Number(el.getAttribute("width")), height: Number(el.getAttribute("height")) };
}

function text(x: number, y: number, s: string, fontSize: number, extra = ""): string {
  return `<text x="${x}" y="${y}" font-size="${fontSize}"${extra}>${escapeXml(s)}</text>`;
}

interface Laid {
  readonly width: number;
  /** SVG of the header, with y from 0 */
  readonly header: string;
  readonly headerHeight: number;
}

/** A panel's title, subtitle and legend, wrapped to the panel's width. */
function layoutHeader(p: Panel, serialize: (el: Element) => string): Laid {
  const { width } = size(p.plot);
  const parts: string[] = [];
  let y = 0;
  if (p.title) {
    for (const line of wrap(p.title, TITLE, width, true)) {
      y += TITLE + 4;
      parts.push(text(0, y - 4, line, TITLE, ' font-weight="bold"'));
    }
  }
  if (p.subtitle) {
    for (const line of wrap(p.subtitle, SUBTITLE, width)) {
      y += SUBTITLE + 5;
      parts.push(text(0, y - 4, line, SUBTITLE, ' fill="#555"'));
    }
  }
  if (p.legend && p.legend.length > 0) {
    y += 6;
    let x = 0;
    let rowY = y;
    for (const item of p.legend) {
      const w = 26 + textWidth(item.label, LEGEND);
      if (x > 0 && x + w > width) {
        x = 0;
        rowY += LEGEND + 8;
      }
      const mid = rowY + LEGEND / 2 + 2;
      const dash = item.dashed ? ' stroke-dasharray="5,3"' : "";
      parts.push(`<line x1="${x}" x2="${x + 18}" y1="${mid}" y2="${mid}" stroke="${item.color}" stroke-width="3"${dash}/>`);
      parts.push(text(x + 24, rowY + LEGEND, item.label, LEGEND));
      x += w + 16;
    }
    y = rowY + LEGEND + 8;
  }
  if (p.ramp) {
    const r = size(p.ramp);
    p.ramp.setAttribute("x", "0");
    p.ramp.setAttribute("y", String(y));
    parts.push(serialize(p.ramp));
    y += r.height;
  }
  return { width, header: parts.join(""), headerHeight: y > 0 ? y + 6 : 0 };
}

/**
 * Compose panels (Plot charts) into one standalone SVG document: `<svg xmlns=… width height viewBox>` with a
 * <title> for screen readers, a white background, and each panel's header above its plot.
 */
export function figure(doc: Document, panels: readonly Panel[], options: FigureOptions = {}): string {
  const view = doc.defaultView as unknown as { XMLSerializer: new () => XMLSerializer } | null;
  if (!view) throw new Error("figure: the document has no window (XMLSerializer is needed)");
  const serializer = new view.XMLSerializer();
  const serialize = (el: Element) => serializer.serializeToString(el);
  const columns = Math.max(1, Math.min(options.columns ?? panels.length, panels.length));
  const laid = panels.map((p) => layoutHeader(p, serialize));
  const rows: number[][] = [];
  for (let i = 0; i < panels.length; i += columns) rows.push(Array.from({ length: Math.min(columns, panels.length - i) }, (_, k) => i + k));
  const rowWidth = (r: number[]) => r.reduce((w, i) => w + laid[i]!.width, 0) + GAP * (r.length - 1);
  const innerWidth = Math.max(...rows.map(rowWidth));
  const body: string[] = [];
  let y = PAD;
  if (options.title) {
    for (const line of wrap(options.title, TITLE + 2, innerWidth, true)) {
      y += TITLE + 6;
      body.push(text(PAD, y - 4, line, TITLE + 2, ' font-weight="bold"'));
    }
  }
  if (options.subtitle) {
    for (const line of wrap(options.subtitle, SUBTITLE, innerWidth)) {
      y += SUBTITLE + 5;
      body.push(text(PAD, y - 4, line, SUBTITLE, ' fill="#555"'));
    }
  }
  if (options.title || options.subtitle) y += 10;
  for (const r of rows) {
    const headerHeight = Math.max(...r.map((i) => laid[i]!.headerHeight));
    let x = PAD;
    let plotHeight = 0;
    for (const i of r) {
      const l = laid[i]!;
      const plot = panels[i]!.plot;
      body.push(`<g transform="translate(${x},${y})">${l.header}</g>`);
      plot.setAttribute("x", String(x));
      plot.setAttribute("y", String(y + headerHeight));
      body.push(serialize(plot));
      plotHeight = Math.max(plotHeight, size(plot).height);
      x += l.width + GAP;
    }
    y += headerHeight + plotHeight + GAP;
  }
  const width = Math.ceil(innerWidth + 2 * PAD);
  const height = Math.ceil(y - GAP + PAD);
  const label = options.title ?? panels.map((p) => p.title).filter(Boolean).join(" · ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${escapeXml(label)}" font-family="${FONT}" fill="black">` +
    `<title>${escapeXml(label)}</title><rect width="100%" height="100%" fill="white"/>${stableClipIds(body.join(""))}</svg>`;
}

/**
 * Plot numbers its clip paths with a counter shared by the whole process (plot-clip-1, -2, …), so the same chart
 * would read differently after other charts were drawn. Renumbered in order of appearance within the document, the
 * ids stay unique there and the chart's text depends on its data alone.
 */
export function stableClipIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/plot-clip-\d+/g, (id) => {
    if (!ids.has(id)) ids.set(id, `plot-clip-${ids.size + 1}`);
    return ids.get(id)!;
  });
}

/** The width and height a standalone chart SVG declares. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error("not a standalone chart SVG (no width and height on its root <svg>)");
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** base64 of UTF-8 text, in Node and in a browser. */
function base64(s: string): string {
  const B = (globalThis as { Buffer?: { from(s: string, e: string): { toString(e: string): string } } }).Buffer;
  if (B) return B.from(s, "utf8").toString("base64");
  let bin = "";
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * An HTML <img> showing a chart SVG: what notebooks display. JupyterLab's sanitizer keeps an <img> with a data: URL
 * in an untrusted notebook, where it removes inline <svg>. It scales down to narrow screens and keeps its aspect.
 */
export function chartImg(svg: string): string {
  const { width, height } = svgSize(svg);
  const alt = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? "chart";
  return `<img src="data:image/svg+xml;base64,${base64(svg)}" width="${width}" height="${height}" alt="${alt}" ` +
    `style="max-width: 100%; height: auto;">`;
}
