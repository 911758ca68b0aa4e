// Words shared by several public pages (figures, units, secrecy, reference terms). The domain's
// French constants (NAF sections, size bands, indicator labels, secret labels) read their French
// from here, so each term is written once per language.
import { area } from '../area.ts';

interface Term {
  label: string;
  unit: string;
}
interface SizeTerm {
  label: string;
  short: string;
}

export const common = area(
  {
    companies: 'Entreprises',
    companiesSupported: 'Entreprises soutenues',
    jobsCreated: 'Emplois créés',
    amount: 'Montant',
    jobsCut: 'Emplois supprimés',
    map: 'Carte',
    close: 'Fermer',
    back: 'Retour',
    demo: 'démonstration',
    loading: 'Chargement…',
    /** Shown on the pages that are not translated (internal tools). */
    frenchOnly: 'Cette page n’existe qu’en français.',
    /** Legend class and table heading of suppressed figures. */
    secret: 'Secret statistique',
    /** A suppressed figure in a table cell or a sentence. */
    secretLabel: 'secret statistique',
    secretNote:
      '« secret statistique » : chiffre non publié pour protéger les entreprises (moins de 3 entreprises, une entreprise dominante, ou chiffre qui permettrait d’en retrouver un autre par soustraction).',
    /** Legend class of a count at zero. */
    none: 'Aucun',
    noJob: 'Aucun emploi',
    /** Legend class of a ratio without a value (no population). */
    notApplicable: 'Sans objet',
    unknownYear: 'Année non renseignée',
    unknownSector: 'Secteur inconnu',
    indicators: {
      jobs: { label: 'Emplois créés', unit: 'emplois' },
      companies: { label: 'Entreprises soutenues', unit: 'entreprises' },
      amountEur: { label: 'Montant des aides', unit: '€' },
      jobsPer1000: { label: 'Emplois créés pour 1 000 habitants', unit: '‰ hab.' },
      eurPerJob: { label: 'Euros par emploi créé', unit: '€ / emploi' },
      amountPerInhabitant: { label: 'Montant des aides par habitant', unit: '€ / hab.' },
      jobsCut: { label: 'Emplois supprimés (licenciements collectifs)', unit: 'emplois' },
    } as Record<'jobs' | 'companies' | 'amountEur' | 'jobsPer1000' | 'eurPerJob' | 'amountPerInhabitant' | 'jobsCut', Term>,
    /** NAF rev. 2 sections, short labels. */
    nafSections: {
      A: 'Agriculture, sylviculture, pêche',
      B: 'Industries extractives',
      C: 'Industrie manufacturière',
      D: 'Électricité, gaz, vapeur',
      E: 'Eau, déchets, dépollution',
      F: 'Construction',
      G: 'Commerce, réparation automobile',
      H: 'Transports et entreposage',
      I: 'Hébergement et restauration',
      J: 'Information et communication',
      K: 'Finance et assurance',
      L: 'Activités immobilières',
      M: 'Activités spécialisées, scientifiques et techniques',
      N: 'Services administratifs et de soutien',
      O: 'Administration publique',
      P: 'Enseignement',
      Q: 'Santé humaine et action sociale',
      R: 'Arts, spectacles et loisirs',
      S: 'Autres activités de services',
      T: 'Activités des ménages employeurs',
      U: 'Activités extraterritoriales',
    } as Record<string, string>,
    /** Size bands (INSEE « catégorie d'entreprise » plus micro and unknown). */
    sizeBands: {
      micro: { label: 'Micro-entreprise (moins de 10 salariés)', short: 'Micro' },
      pme: { label: 'PME (10 à 249 salariés)', short: 'PME' },
      eti: { label: 'ETI (250 à 4 999 salariés)', short: 'ETI' },
      ge: { label: 'Grande entreprise (5 000 salariés et plus)', short: 'GE' },
      inconnue: { label: 'Taille inconnue', short: 'Inconnue' },
    } as Record<'micro' | 'pme' | 'eti' | 'ge' | 'inconnue', SizeTerm>,
    /** Kinds of territory, singular. */
    territoryKinds: {
      commune: 'Commune',
      arrondissement: 'Arrondissement de Marseille',
      qpv: 'Quartier prioritaire (QPV)',
      epci: 'Intercommunalité (EPCI)',
      ze: 'Zone d’emploi',
      departement: 'Département',
      rural: 'Communes rurales',
      urban: 'Communes urbaines',
    } as Record<'commune' | 'arrondissement' | 'qpv' | 'epci' | 'ze' | 'departement' | 'rural' | 'urban', string>,
    /** One sentence per fund (the names are proper nouns, not translated). */
    fundDescriptions: {
      ampa: 'Fonds d’amorçage : prêts et apports aux jeunes entreprises innovantes (numérique, santé, électronique, ingénierie).',
      airbus: 'Prêts aux PME industrielles et sous-traitants de l’aéronautique qui créent des emplois sur le territoire.',
      adie: 'Microcrédits et accompagnement des micro-entrepreneurs, notamment dans les quartiers prioritaires et les communes rurales.',
    } as Record<'ampa' | 'airbus' | 'adie', string>,
  },
  {
    companies: 'Companies',
    companiesSupported: 'Companies supported',
    jobsCreated: 'Jobs created',
    amount: 'Amount',
    jobsCut: 'Jobs cut',
    map: 'Map',
    close: 'Close',
    back: 'Back',
    demo: 'demonstration',
    loading: 'Loading…',
    frenchOnly: 'This page is available in French only.',
    secret: 'Statistical confidentiality',
    secretLabel: 'confidential',
    secretNote:
      '“confidential”: figure not published to protect the companies (fewer than 3 companies, one dominant company, or a figure that would let another be found by subtraction).',
    none: 'None',
    noJob: 'No jobs',
    notApplicable: 'Not applicable',
    unknownYear: 'Year not given',
    unknownSector: 'Unknown sector',
    indicators: {
      jobs: { label: 'Jobs created', unit: 'jobs' },
      companies: { label: 'Companies supported', unit: 'companies' },
      amountEur: { label: 'Amount of aid', unit: '€' },
      jobsPer1000: { label: 'Jobs created per 1,000 inhabitants', unit: 'per 1,000 inh.' },
      eurPerJob: { label: 'Euros per job created', unit: '€ / job' },
      amountPerInhabitant: { label: 'Amount of aid per inhabitant', unit: '€ / inh.' },
      jobsCut: { label: 'Jobs cut (collective redundancies)', unit: 'jobs' },
    },
    nafSections: {
      A: 'Agriculture, forestry and fishing',
      B: 'Mining and quarrying',
      C: 'Manufacturing',
      D: 'Electricity, gas, steam',
      E: 'Water, waste, remediation',
      F: 'Construction',
      G: 'Trade, motor vehicle repair',
      H: 'Transport and storage',
      I: 'Accommodation and food services',
      J: 'Information and communication',
      K: 'Finance and insurance',
      L: 'Real estate',
      M: 'Professional, scientific and technical activities',
      N: 'Administrative and support services',
      O: 'Public administration',
      P: 'Education',
      Q: 'Health and social work',
      R: 'Arts, entertainment and recreation',
      S: 'Other services',
      T: 'Households as employers',
      U: 'Extraterritorial organisations',
    },
    sizeBands: {
      micro: { label: 'Micro-enterprise (fewer than 10 employees)', short: 'Micro' },
      pme: { label: 'SME (10 to 249 employees)', short: 'SME' },
      eti: { label: 'Mid-sized company (250 to 4,999 employees)', short: 'Mid-sized' },
      ge: { label: 'Large company (5,000 employees or more)', short: 'Large' },
      inconnue: { label: 'Size unknown', short: 'Unknown' },
    },
    territoryKinds: {
      commune: 'Commune',
      arrondissement: 'Marseille arrondissement',
      qpv: 'Priority neighbourhood (QPV)',
      epci: 'Inter-municipal authority (EPCI)',
      ze: 'Employment area',
      departement: 'Département',
      rural: 'Rural communes',
      urban: 'Urban communes',
    },
    fundDescriptions: {
      ampa: 'Seed fund: loans and equity for young innovative companies (digital, health, electronics, engineering).',
      airbus: 'Loans to industrial SMEs and aerospace subcontractors that create jobs locally.',
      adie: 'Microcredit and support for micro-entrepreneurs, particularly in priority neighbourhoods and rural communes.',
    },
  },
);
