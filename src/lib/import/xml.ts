// A small, tolerant, streaming XML tokenizer (no DOMParser: must run in Node and in workers).
// Enough for OOXML parts: elements, attributes, text, CDATA; comments, processing
// instructions and DOCTYPE are skipped (no entity expansion beyond the predefined ones).

export interface XmlHandlers {
  /** `name` is the local name (namespace prefix removed). */
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode &amp; &lt; &gt; &quot; &apos; &#NN; &#xNN; (unknown entities are kept verbatim). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return m;
      try {
        return String.fromCodePoint(code);
      } catch {
        return m;
      }
    }
    return NAMED[body] ?? m;
  });
}

function localName(qname: string): string {
  const k = qname.indexOf(':');
  return k >= 0 ? qname.slice(k + 1) : qname;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function parseAttributes(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    const ns = i;
    while (i < n && s[i] !== '=' && !isSpace(s.charCodeAt(i))) i++;
    const name = s.slice(ns, i);
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (s[i] !== '=') {
      if (name) attrs[localName(name)] = '';
      i++;
      continue;
    }
    i++;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    const q = s[i];
    let value: string;
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      const e = end < 0 ? n : end;
      value = s.slice(i + 1, e);
      i = e + 1;
    } else {
      const vs = i;
      while (i < n && !isSpace(s.charCodeAt(i))) i++;
      value = s.slice(vs, i);
    }
    if (name) attrs[localName(name)] = decodeEntities(value);
  }
  return attrs;
}

/** Tokenize `xml`, calling the handlers in document order. Malformed tails are ignored. */
export function parseXml(xml: string, h: XmlHandlers): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && h.text) h.text(decodeEntities(xml.slice(i, textEnd)));
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      const end = e < 0 ? n : e;
      if (h.text) h.text(xml.slice(lt + 9, end));
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const e = xml.indexOf('?>', lt + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      // DOCTYPE or other declaration: skip (with a possible internal subset in brackets).
      const bracket = xml.indexOf('[', lt);
      const gt = xml.indexOf('>', lt);
      if (bracket >= 0 && gt >= 0 && bracket < gt) {
        const e = xml.indexOf(']>', bracket);
        i = e < 0 ? n : e + 2;
      } else {
        i = gt < 0 ? n : gt + 1;
      }
      continue;
    }
    // Element tag: find the closing '>' outside attribute quotes.
    let j = lt + 1;
    let q = 0;
    while (j < n) {
      const c = xml.charCodeAt(j);
      if (q) {
        if (c === q) q = 0;
      } else if (c === 34 || c === 39) q = c;
      else if (c === 62) break;
      j++;
    }
    if (j >= n) break;
    const inner = xml.slice(lt + 1, j);
    i = j + 1;
    if (inner[0] === '/') {
      h.close?.(localName(inner.slice(1).trim()));
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    let k = 0;
    while (k < body.length && !isSpace(body.charCodeAt(k))) k++;
    const name = localName(body.slice(0, k));
    const attrs = k < body.length ? parseAttributes(body.slice(k)) : {};
    h.open?.(name, attrs, selfClosing);
    if (selfClosing) h.close?.(name);
  }
}
