// One area of the interface catalogue: its French messages and their English translation. The
// English side must have exactly the French keys and shapes (checked by the compiler); a message
// with parameters is a function, so word order stays the translator's choice.

import type { Locale } from '../text/locale.ts';

export type Area<T> = Readonly<Record<Locale, T>>;

export const area = <T extends object>(fr: T, en: NoInfer<T>): Area<T> => ({ fr, en });
