// Place names inside a sentence: French needs a preposition that depends on the name's article
// (« à Istres », « au Rove », « d’Istres »); English takes the name as it is. Pure, no DOM. The
// name itself is never translated.

const VOWEL_START = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

/** "à Istres", "à La Ciotat", "au Rove", "aux Pennes-Mirabeau". */
export function inPlace(name: string): string {
  if (/^Le /.test(name)) return `au ${name.slice(3)}`;
  if (/^Les /.test(name)) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

/** "d’Istres", "de La Ciotat", "du Rove", "des Pennes-Mirabeau", "de Marseille". */
export function ofPlace(name: string): string {
  if (/^Le /.test(name)) return `du ${name.slice(3)}`;
  if (/^Les /.test(name)) return `des ${name.slice(4)}`;
  return VOWEL_START.test(name) ? `d’${name}` : `de ${name}`;
}
