// Words shared by several public pages (figures, units, secrecy).
import { area } from '../area.ts';

export const common = area(
  {
    companies: 'Entreprises',
    companiesSupported: 'Entreprises soutenues',
    jobsCreated: 'Emplois créés',
    amount: 'Montant',
    jobsCut: 'Emplois supprimés',
    secret: 'Secret statistique',
    map: 'Carte',
    close: 'Fermer',
    back: 'Retour',
    demo: 'démonstration',
    loading: 'Chargement…',
    /** Shown on the pages that are not translated (internal tools). */
    frenchOnly: 'Cette page n’existe qu’en français.',
  },
  {
    companies: 'Companies',
    companiesSupported: 'Companies supported',
    jobsCreated: 'Jobs created',
    amount: 'Amount',
    jobsCut: 'Jobs cut',
    secret: 'Statistical confidentiality',
    map: 'Map',
    close: 'Close',
    back: 'Back',
    demo: 'demonstration',
    loading: 'Loading…',
    frenchOnly: 'This page is available in French only.',
  },
);
