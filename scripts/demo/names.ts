// Fictitious company and employer names, and checksum-valid demo SIRETs.

import { type FundId } from '../../src/lib/domain/types.ts';
import { isValidSiret, luhnCheckDigit } from '../../src/lib/domain/siret.ts';
import { pick, type Rng } from './random.ts';

export const DEMO_SIREN_PREFIX = '99999';
export const DEMO_NAME_SUFFIX = ' (démo)';

const SYL_A = ['Zor', 'Quel', 'Vann', 'Brix', 'Tal', 'Nor', 'Pell', 'Kal', 'Myr', 'Ost', 'Lun', 'Dar', 'Sel', 'Gav', 'Tiz', 'Rum', 'Jol', 'Vex', 'Fen', 'Hal', 'Wim', 'Pry', 'Sov', 'Ulm', 'Yar', 'Qix', 'Bop', 'Zel'];
const SYL_B = ['a', 'e', 'i', 'o', 'u', 'y', 'ia', 'eo', 'ou', 'ai'];
const SYL_C = ['vel', 'drin', 'mar', 'tix', 'lon', 'rac', 'pel', 'zan', 'stor', 'quin', 'bel', 'nox', 'ral', 'dis', 'fur', 'gon'];
export const WORDS: Record<FundId, { before: string[]; after: string[] }> = {
  ampa: { before: [], after: ['Labs', 'Tech', 'Bio', 'Data', 'Systèmes', 'Innovation', 'Photonique', 'Logiciels'] },
  airbus: { before: [], after: ['Mécanique', 'Usinage', 'Composites', 'Industries', 'Aéro-Services', 'Précision', 'Chaudronnerie', 'Outillage'] },
  adie: { before: ['Atelier', 'Boutique', 'Services', 'Traiteur', 'Salon', 'Bâtiment', 'Jardins', 'Livraisons', 'Épicerie', 'Couture'], after: [] },
};
export const LAYOFF_WORDS = ['Chimie', 'Logistique', 'Métallurgie', 'Raffinage', 'Emballages', 'Électronique', 'Navale', 'Textiles', 'Agroalimentaire'];

export function inventedStem(rng: Rng): string {
  return pick(rng, SYL_A) + pick(rng, SYL_B) + pick(rng, SYL_C);
}

export function uniqueName(rng: Rng, used: Set<string>, make: () => string): string {
  for (;;) {
    const n = make() + DEMO_NAME_SUFFIX;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

export function demoSiret(serial: number): string {
  const siren = DEMO_SIREN_PREFIX + String(serial).padStart(3, '0');
  const sirenFull = siren + luhnCheckDigit(siren);
  const body = sirenFull + '0001';
  const siret = body + luhnCheckDigit(body);
  if (!isValidSiret(siret)) throw new Error(`bad demo SIRET ${siret}`);
  return siret;
}
