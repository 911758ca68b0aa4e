// Commune matching against the TerritoriesIndex: INSEE code, name (accent-, case-, article- and
// hyphen-insensitive; "St"/"Saint"), postal code, and their combinations. Marseille arrondissements
// (13201–13216, "Marseille 3e", postal codes 13001–13016) are kept.
// A row is inside the département only when its evidence says so: an INSEE code outside 13 is
// rejected (never re-matched by name), and a name and a postal code that disagree are rejected
// quoting both (a postal code of 13 unknown to the index, e.g. a CEDEX, is only a warning).

import type { TerritoriesIndex } from '../geodata/types.ts';
import type { OutsideChecker } from './outside.ts';
import { communeKey, words } from '../text/normalize.ts';
import { quote } from './text.ts';

type IndexCommune = TerritoriesIndex['communes'][number];
type IndexArrondissement = TerritoriesIndex['arrondissements'][number];

export const MARSEILLE = '13055';

export interface CommuneMatch {
  communeCode: string;
  arrondissementCode: string | null;
  /** What decided the match. */
  by: 'code' | 'name' | 'postalCode' | 'name+postalCode';
  /** French notes for the user (e.g. postal code not matching the name). */
  warnings: string[];
}

export type CommuneMatchResult =
  | { ok: true; match: CommuneMatch }
  /** `outside`: the evidence places the row outside 13 (never re-matched by another column). */
  | { ok: false; field: string; message: string; outside?: boolean };

/** "Marseille 3e", "Marseille 3ème arrondissement", "Marseille 13003", "MARSEILLE 03" → 3. */
function marseilleArrondissementNumber(name: string): number | null | 'marseille' {
  const w = words(name);
  if (w[0] !== 'marseille') return null;
  const rest = w.slice(1).filter((x) => x !== 'arrondissement' && x !== 'arr' && x !== 'arrdt' && x !== 'cedex');
  if (rest.length === 0) return 'marseille';
  const m = /^(\d{1,5})(er|e|eme|ieme|em|me)?$/.exec(rest[0]);
  if (!m || rest.length > 1) return null;
  let n = Number(m[1]);
  if (m[1].length === 5) {
    if (n >= 13001 && n <= 13016) n -= 13000;
    else if (n >= 13201 && n <= 13216) n -= 13200;
    else return null;
  }
  return n >= 1 && n <= 16 ? n : null;
}

export class CommuneMatcher {
  private byCode = new Map<string, IndexCommune>();
  private arrByCode = new Map<string, IndexArrondissement>();
  private byName = new Map<string, IndexCommune[]>();
  private byPostal = new Map<string, IndexCommune[]>();
  private arrByPostal = new Map<string, IndexArrondissement>();

  constructor(
    private readonly index: TerritoriesIndex,
    /** Names of places outside 13, for messages (optional: codes only without it). */
    private readonly outside?: OutsideChecker,
  ) {
    for (const c of index.communes) {
      this.byCode.set(c.code, c);
      const k = communeKey(c.nom);
      this.byName.set(k, [...(this.byName.get(k) ?? []), c]);
      for (const cp of c.codesPostaux ?? []) this.byPostal.set(cp, [...(this.byPostal.get(cp) ?? []), c]);
    }
    for (const a of index.arrondissements) {
      this.arrByCode.set(a.code, a);
      const own = a.codesPostaux?.length ? a.codesPostaux : [`130${a.code.slice(3)}`];
      for (const cp of own) if (!this.arrByPostal.has(cp)) this.arrByPostal.set(cp, a);
    }
  }

  commune(code: string): IndexCommune | undefined {
    return this.byCode.get(code);
  }

  arrondissement(code: string): IndexArrondissement | undefined {
    return this.arrByCode.get(code);
  }

  private communeName(code: string): string {
    return this.byCode.get(code)?.nom ?? code;
  }

  /** By INSEE code: 13xxx commune or 13201–13216 arrondissement. */
  byInsee(raw: string): CommuneMatchResult {
    let code = raw.trim().replace(/\s/g, '');
    if (/^\d{4}$/.test(code)) code = '0' + code;
    if (/^\d+\.0+$/.test(code)) code = code.replace(/\.0+$/, '');
    if (!/^(\d{5}|2[AB]\d{3})$/i.test(code)) {
      return { ok: false, field: 'Code INSEE', message: `${quote(raw.trim())} n'est pas un code INSEE (5 caractères)` };
    }
    const arr = this.arrByCode.get(code);
    if (arr) return { ok: true, match: { communeCode: MARSEILLE, arrondissementCode: arr.code, by: 'code', warnings: [] } };
    const c = this.byCode.get(code);
    if (c) return { ok: true, match: { communeCode: c.code, arrondissementCode: null, by: 'code', warnings: [] } };
    if (!code.startsWith('13')) {
      const where = this.outside ? this.outside.communeLabel(code) : `code INSEE ${code}`;
      return { ok: false, field: 'Code INSEE', message: `commune hors des Bouches-du-Rhône : ${where}`, outside: true };
    }
    return { ok: false, field: 'Code INSEE', message: `Code INSEE ${code} inconnu dans les Bouches-du-Rhône` };
  }

  /** Candidates for a name (0, 1 or several), with the Marseille arrondissement when stated. */
  private candidatesByName(name: string): { communes: IndexCommune[]; arrondissement: string | null } {
    const arrN = marseilleArrondissementNumber(name);
    if (typeof arrN === 'number') {
      const code = String(13200 + arrN);
      return { communes: this.byCode.has(MARSEILLE) ? [this.byCode.get(MARSEILLE)!] : [], arrondissement: this.arrByCode.has(code) ? code : null };
    }
    const k = communeKey(name);
    const hit = this.byName.get(k);
    if (hit) return { communes: hit, arrondissement: null };
    return { communes: [], arrondissement: null };
  }

  /** By postal code and / or name. */
  byNameAndPostalCode(nameRaw: string, postalRaw: string): CommuneMatchResult {
    const name = nameRaw.trim();
    let cp = postalRaw.trim().replace(/\s/g, '');
    if (/^\d{4}$/.test(cp)) cp = '0' + cp;
    if (cp !== '' && !/^\d{5}$/.test(cp)) {
      if (name === '') return { ok: false, field: 'Code postal', message: `${quote(postalRaw.trim())} n'est pas un code postal` };
      cp = '';
    }
    const warnings: string[] = [];
    const byName = name ? this.candidatesByName(name) : null;
    const postalCommunes = cp ? (this.byPostal.get(cp) ?? []) : [];
    const postalArr = cp ? (this.arrByPostal.get(cp) ?? null) : null;

    if (byName && byName.communes.length > 0) {
      let communes = byName.communes;
      if (communes.length > 1 && cp) {
        const narrowed = communes.filter((c) => c.codesPostaux.includes(cp));
        if (narrowed.length > 0) communes = narrowed;
      }
      const c = communes[0];
      let arrondissement = byName.arrondissement;
      let by: CommuneMatch['by'] = 'name';
      if (cp) {
        if (c.codesPostaux.includes(cp) || (c.code === MARSEILLE && postalArr)) {
          by = 'name+postalCode';
          if (c.code === MARSEILLE && postalArr) {
            if (arrondissement && arrondissement !== postalArr.code) {
              warnings.push(`Arrondissement de ${quote(name)} différent de celui du code postal ${cp} : le nom est retenu`);
            } else arrondissement = postalArr.code;
          }
        } else {
          const conflict = this.postalConflict(cp, c);
          if (conflict) return { ok: false, field: 'Code postal', message: conflict, outside: !cp.startsWith('13') };
          warnings.push(`Le code postal ${cp} ne correspond pas à ${c.nom} : la commune est retenue`);
        }
      }
      return { ok: true, match: { communeCode: c.code, arrondissementCode: arrondissement, by, warnings } };
    }

    // A name known only outside 13 (« Riboux »): the row is outside, whatever its postal code says.
    if (name && this.outside) {
      const elsewhere = this.outside.communesNamed(name);
      if (elsewhere.length > 0) {
        const withCp = cp ? ` ; code postal ${cp}` : '';
        return { ok: false, field: 'Commune', message: `commune hors des Bouches-du-Rhône : ${elsewhere.join(' ou ')}${withCp}`, outside: true };
      }
    }
    // Name unknown (or absent): rely on the postal code.
    if (cp) {
      if (postalArr) {
        if (name) warnings.push(`Commune ${quote(name)} inconnue : localisée par le code postal ${cp}`);
        return { ok: true, match: { communeCode: MARSEILLE, arrondissementCode: postalArr.code, by: 'postalCode', warnings } };
      }
      if (postalCommunes.length === 1) {
        if (name) warnings.push(`Commune ${quote(name)} inconnue : localisée par le code postal ${cp} (${postalCommunes[0].nom})`);
        return {
          ok: true,
          match: { communeCode: postalCommunes[0].code, arrondissementCode: null, by: 'postalCode', warnings },
        };
      }
      if (postalCommunes.length > 1) {
        const names = postalCommunes.map((c) => c.nom).join(', ');
        return {
          ok: false,
          field: 'Code postal',
          message: `Code postal ${cp} partagé par plusieurs communes : ${names}, précisez la commune`,
        };
      }
      if (!cp.startsWith('13')) {
        return { ok: false, field: 'Code postal', message: `Code postal ${this.postalText(cp)} hors des Bouches-du-Rhône`, outside: true };
      }
      if (!name) return { ok: false, field: 'Code postal', message: `Code postal ${cp} inconnu` };
    }
    if (name) return { ok: false, field: 'Commune', message: `Commune ${quote(name)} introuvable dans les Bouches-du-Rhône` };
    return { ok: false, field: 'Localisation', message: 'Aucune localisation (coordonnées, code INSEE, commune ou code postal)' };
  }

  /** Full matching: INSEE code first, then name and/or postal code; conflicts become warnings. */
  match(input: { code?: string; name?: string; postalCode?: string }): CommuneMatchResult {
    const code = input.code?.trim() ?? '';
    const name = input.name?.trim() ?? '';
    const cp = input.postalCode?.trim() ?? '';
    if (code) {
      const r = this.byInsee(code);
      if (r.ok) {
        if (cp) {
          const conflict = this.postalConflict(cp.replace(/\s/g, ''), this.byCode.get(r.match.communeCode));
          if (conflict && !cp.startsWith('13')) return { ok: false, field: 'Code postal', message: conflict, outside: true };
        }
        if (name) {
          const other = this.byNameAndPostalCode(name, '');
          if (other.ok && other.match.communeCode !== r.match.communeCode) {
            r.match.warnings.push(
              `Commune ${quote(name)} différente du code INSEE ${code} (${this.communeName(r.match.communeCode)}) : le code est retenu`,
            );
          }
        }
        return r;
      }
      if (!name && !cp) return r;
      if (r.outside) return r; // an explicit code outside 13 is never re-matched by name
      const fallback = this.byNameAndPostalCode(name, cp);
      if (fallback.ok) fallback.match.warnings.unshift(`${r.message} : localisation par ${name ? 'la commune' : 'le code postal'}`);
      return fallback.ok ? fallback : r;
    }
    return this.byNameAndPostalCode(name, cp);
  }

  private postalText(cp: string): string {
    return this.outside ? this.outside.postalLabel(cp) : cp;
  }

  /**
   * Why postal code `cp` contradicts commune `c` (null when it does not: `c`'s own code, a
   * Marseille code for Marseille, or a code of 13 unknown to the index, e.g. a CEDEX).
   */
  private postalConflict(cp: string, c: IndexCommune | undefined): string | null {
    if (!c || !/^\d{5}$/.test(cp) || c.codesPostaux.includes(cp)) return null;
    if (c.code === MARSEILLE && this.arrByPostal.has(cp)) return null;
    const own = c.codesPostaux.length ? ` (codes postaux ${c.codesPostaux.join(', ')})` : '';
    if (!cp.startsWith('13')) {
      return `code postal ${this.postalText(cp)} hors des Bouches-du-Rhône, commune déclarée ${c.nom}${own} : vérifiez la ligne`;
    }
    const others = (this.byPostal.get(cp) ?? []).map((x) => x.nom);
    const arr = this.arrByPostal.get(cp);
    if (arr) others.push(arr.nom);
    if (others.length === 0) return null;
    return `le code postal ${cp} (${others.join(', ')}) ne correspond pas à la commune ${c.nom}${own} : vérifiez la ligne`;
  }

  /** Representative point of the matched territory (arrondissement when known). */
  labelPoint(m: Pick<CommuneMatch, 'communeCode' | 'arrondissementCode'>): [number, number] | null {
    if (m.arrondissementCode) {
      const a = this.arrByCode.get(m.arrondissementCode);
      if (a) return a.labelPoint;
    }
    return this.byCode.get(m.communeCode)?.labelPoint ?? null;
  }
}
