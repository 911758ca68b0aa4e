// Commune search for the search box (map home, commune profile, kiosk). Pure.
//
// What matches (accent-, case-, hyphen- and apostrophe-insensitive; "St"/"Saint",
// "Ste"/"Sainte" equivalent; a leading article optional — the name keys of import/communes.ts):
// - a name: "la ciotat", "ciotat", "Saintes Maries", "St Chamas", "aix", "berre l'etang";
// - a postal code or its beginning: "13600" → La Ciotat and Ceyreste, "13100" → the 5 communes
//   sharing it. Marseille's postal codes 13001–13016 give its arrondissements, not the commune;
// - an INSEE code or its beginning: "13047" → Istres, "13203" → Marseille 3e;
// - a Marseille arrondissement: "Marseille 3e", "marseille 3", "Marseille 3ème",
//   "marseille 13003", "Marseille 3e arrondissement".
//
// Ranking: match quality first — exact, then prefix of a word, then substring — then bigger
// population first, then name. Among exact matches of a 5-digit query, postal codes come before
// INSEE codes (the public knows postal codes: "13001" is Marseille 1er before Aix-en-Provence,
// whose INSEE code it is).

import type { TerritoriesIndex } from '../geodata/types.ts';
import { communeKey, words } from '../text/normalize.ts';

export interface Suggestion {
  /** INSEE code (132xx for an arrondissement): what `#/commune/<code>` takes. */
  code: string;
  /** Display name: "La Ciotat", "Marseille 3e arrondissement". */
  label: string;
  kind: 'commune' | 'arrondissement';
  /** Secondary line: postal codes ("13600"), or "Marseille · 13003" for an arrondissement. */
  detail: string;
  matchedBy: 'name' | 'postalCode' | 'insee';
  population: number;
}

export interface CommuneSearch {
  /** Best suggestions for what the user typed (empty query → []). */
  search(query: string, limit?: number): Suggestion[];
}

const MARSEILLE = '13055';
const ARTICLES = new Set(['le', 'la', 'les', 'l']);
const ABBREV: Record<string, string> = { saint: 'st', sainte: 'ste', saints: 'sts', saintes: 'stes' };

/** Match quality, lower is better. */
const EXACT = 0;
const WORD_PREFIX = 1;
const SUBSTRING = 2;
type Rank = typeof EXACT | typeof WORD_PREFIX | typeof SUBSTRING;

interface Entry {
  code: string;
  label: string;
  kind: Suggestion['kind'];
  detail: string;
  population: number;
  postalCodes: string[];
  /** Name words, abbreviations applied ("saint" → "st"). */
  tokens: string[];
  /** Joined keys: with and without the leading article. */
  keys: string[];
  /** Offsets in each key where a word starts. */
  wordStarts: number[][];
  /** communeKey() of the name (text/normalize.ts): equal keys = exact match. */
  nameKey: string;
  /** Arrondissement number 1–16. */
  arrondissement?: number;
}

function nameTokens(name: string): string[] {
  return words(name).map((w) => ABBREV[w] ?? w);
}

function keyVariants(tokens: string[]): { keys: string[]; wordStarts: number[][] } {
  const variants: string[][] = [tokens];
  let t = tokens;
  while (t.length > 1 && ARTICLES.has(t[0])) {
    t = t.slice(1);
    variants.push(t);
  }
  return {
    keys: variants.map((v) => v.join('')),
    wordStarts: variants.map((v) => {
      const starts: number[] = [];
      let pos = 0;
      for (const w of v) {
        starts.push(pos);
        pos += w.length;
      }
      return starts;
    }),
  };
}

/** "marseille 3", "Marseille 3ème arrondissement", "marseille 13003" → 3; else null. */
function arrondissementNumber(tokens: string[]): number | null {
  if (tokens[0] !== 'marseille') return null;
  const rest = tokens.slice(1).filter((x) => !['arrondissement', 'arrdt', 'arr', 'ardt'].includes(x));
  if (rest.length !== 1) return null;
  const m = /^(\d{1,5})(er|e|eme|ieme|em|me|d)?$/.exec(rest[0]);
  if (!m) return null;
  let n = Number(m[1]);
  if (m[1].length === 5) {
    if (n >= 13001 && n <= 13016) n -= 13000;
    else if (n >= 13201 && n <= 13216) n -= 13200;
    else return null;
  } else if (m[1].length > 2) return null;
  return n >= 1 && n <= 16 ? n : null;
}

function nameRank(e: Entry, qTokens: string[], qNameKey: string): Rank | null {
  if (qNameKey.length > 0 && qNameKey === e.nameKey) return EXACT;
  let best: Rank | null = null;
  // The query without its leading article too ("la ciotat" ≡ "ciotat").
  const qVariants = keyVariants(qTokens).keys.filter((q) => q.length > 0);
  for (let k = 0; k < e.keys.length; k++) {
    const key = e.keys[k];
    for (const q of qVariants) {
      if (key === q) return EXACT;
      if (e.wordStarts[k].some((start) => key.startsWith(q, start))) best = WORD_PREFIX;
      else if (best === null && q.length >= 2 && key.includes(q)) best = SUBSTRING;
    }
  }
  // Words in any order, each the beginning of a different name word ("maries saintes").
  if (best !== WORD_PREFIX && qTokens.length > 1) {
    const used = new Set<number>();
    const all = qTokens.every((q) => {
      const i = e.tokens.findIndex((t, idx) => !used.has(idx) && t.startsWith(q));
      if (i < 0) return false;
      used.add(i);
      return true;
    });
    if (all) best = WORD_PREFIX;
  }
  return best;
}

export function createCommuneSearch(index: TerritoriesIndex): CommuneSearch {
  const entries: Entry[] = [];
  for (const c of index.communes) {
    const tokens = nameTokens(c.nom);
    entries.push({
      code: c.code,
      label: c.nom,
      kind: 'commune',
      detail: c.code === MARSEILLE ? '13001 à 13016' : c.codesPostaux.join(', '),
      population: c.population,
      // Marseille's postal codes belong to its arrondissements.
      postalCodes: c.code === MARSEILLE ? [] : c.codesPostaux,
      tokens,
      ...keyVariants(tokens),
      nameKey: communeKey(c.nom),
    });
  }
  for (const a of index.arrondissements) {
    const n = Number(a.code.slice(3));
    const postal = a.codesPostaux?.length ? a.codesPostaux : [`130${a.code.slice(3)}`];
    const tokens = nameTokens(a.nom);
    entries.push({
      code: a.code,
      label: a.nom,
      kind: 'arrondissement',
      detail: `Marseille · ${postal.join(', ')}`,
      population: a.population,
      postalCodes: postal,
      tokens,
      ...keyVariants(tokens),
      nameKey: communeKey(a.nom),
      arrondissement: n,
    });
  }

  function search(query: string, limit = 8): Suggestion[] {
    if (typeof query !== 'string' || limit <= 0) return [];
    const qTokens = nameTokens(query);
    if (qTokens.length === 0) return [];
    const qKey = qTokens.join('');
    const qNameKey = communeKey(query);
    const hits = new Map<string, { e: Entry; rank: Rank; by: Suggestion['matchedBy']; sub: number }>();
    const add = (e: Entry, rank: Rank, by: Suggestion['matchedBy'], sub = 0) => {
      const prev = hits.get(e.code);
      if (!prev || rank < prev.rank || (rank === prev.rank && sub < prev.sub)) hits.set(e.code, { e, rank, by, sub });
    };

    // "13600", "13 600": digits only → postal / INSEE codes.
    const digits = /^\d+$/.test(qKey) ? qKey : null;
    if (digits) {
      if (digits.length >= 2) {
        for (const e of entries) {
          for (const cp of e.postalCodes) {
            if (cp === digits) add(e, EXACT, 'postalCode', 0);
            else if (cp.startsWith(digits)) add(e, WORD_PREFIX, 'postalCode', 0);
          }
          if (e.code === digits) add(e, EXACT, 'insee', 1);
          else if (e.code.startsWith(digits)) add(e, WORD_PREFIX, 'insee', 1);
        }
      }
    } else {
      const arr = arrondissementNumber(qTokens);
      for (const e of entries) {
        if (arr !== null && e.arrondissement === arr) {
          add(e, EXACT, 'name');
          continue;
        }
        const r = nameRank(e, qTokens, qNameKey);
        if (r !== null) add(e, r, 'name');
      }
    }

    return [...hits.values()]
      .sort((a, b) => a.rank - b.rank || a.sub - b.sub || b.e.population - a.e.population || a.e.label.localeCompare(b.e.label, 'fr'))
      .slice(0, limit)
      .map(({ e, by }) => ({ code: e.code, label: e.label, kind: e.kind, detail: e.detail, matchedBy: by, population: e.population }));
  }

  return { search };
}
