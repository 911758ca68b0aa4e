// Interface text of the kiosk area (see ../catalogue.ts): the exhibition touch screen
// (`?mode=kiosque`), its stories (kiosk/stories.ts, kiosk/timeline-story.ts), its attract loop
// (kiosk/tour.ts) and its views (views/KioskApp.svelte, views/kiosk/). Numbers arrive already
// formatted in the language's formats; a count next to them chooses the plural. Shared words
// (secret labels and note, legend classes, indicator names) are in `common`.
import { area } from '../area.ts';

/** French plural: 0 and 1 are singular. */
const frPlural = (n: number | null, one: string, many: string) => (n !== null && n <= 1 ? one : many);
/** English plural: only 1 is singular. */
const enPlural = (n: number | null, one: string, many: string) => (n === 1 ? one : many);

export const kiosk = area(
  {
    // --- Frame ---
    /** The Marianne block's lines: an institution's name, never translated (shown with lang="fr"). */
    logo: ['Préfet', 'des Bouches-', 'du-Rhône'],
    title: 'Les fonds de revitalisation dans les Bouches-du-Rhône',
    demoData: 'Données de démonstration',
    dataAsOf: (date: string) => `Données au ${date}`,
    panelLabel: 'Informations',
    storiesLabel: 'Histoires',
    languageLabel: 'Langue',
    touchToStart: 'Touchez l’écran pour commencer',
    unavailable: 'La carte est momentanément indisponible. Elle reviendra d’elle-même dans quelques instants.',
    mapLabel: 'Carte des Bouches-du-Rhône : entreprises soutenues et emplois créés par commune.',

    // --- Buttons and panel titles ---
    figures: 'Chiffres clés',
    qpv: 'Quartiers prioritaires',
    rural: 'Territoires ruraux',
    sinceYear: (year: number) => `De ${year} à aujourd’hui`,
    myCommune: 'Ma commune',
    home: 'Accueil',

    // --- Home ---
    welcome: 'Bienvenue',
    intro: [
      'Quand une grande entreprise supprime des emplois, la loi l’oblige à aider à en créer de nouveaux dans le territoire touché.',
      'Dans les Bouches-du-Rhône, cet argent est mis en commun dans trois fonds qui aident des entreprises à naître et à grandir.',
      'Touchez un bouton en bas de l’écran pour découvrir où sont allés ces fonds.',
    ],

    // --- Attract loop (kiosk/tour.ts) ---
    tourFigures: 'Les fonds de revitalisation en chiffres',
    tourQpv: 'Dans les quartiers prioritaires',
    tourRural: 'Dans les communes rurales',

    // --- « Vous êtes toujours là ? » ---
    stillThere: 'Vous êtes toujours là ?',
    backHomeIn: 'Retour à l’accueil dans ',
    fewSeconds: 'quelques secondes',
    secondsUnit: ' s',
    touchToContinue: '. Touchez l’écran pour continuer.',

    // --- Big figures (kiosk/stories.ts figuresOf) ---
    figCompanies: (n: number | null) => frPlural(n, 'entreprise soutenue', 'entreprises soutenues'),
    figJobs: (n: number | null) => frPlural(n, 'emploi créé', 'emplois créés'),
    figAmount: 'd’aides accordées',

    // --- Key figures story ---
    qpvJobsShare: (share: string, population: string | null) =>
      `${share} des emplois créés l’ont été dans un quartier prioritaire${population !== null ? `, où vit ${population} de la population` : ''}.`,
    ruralJobsShare: (share: string, population: string) => `${share} des emplois créés l’ont été dans une commune rurale, où vit ${population} de la population.`,
    layoffsCut: (jobs: string, n: number) => `Les licenciements collectifs ont supprimé ${jobs} ${frPlural(n, 'emploi', 'emplois')} dans le département.`,

    // --- QPV story ---
    qpvCount: (total: string, inMarseille: string) => `Le département compte ${total} quartiers prioritaires, dont ${inMarseille} à Marseille.`,
    qpvReached: (reached: string, n: number) => `${reached} ${frPlural(n, 'a accueilli', 'ont accueilli')} au moins une entreprise soutenue.`,
    qpvShareOfJobs: (share: string) => `${share} des emplois créés dans le département l’ont été en quartier prioritaire.`,
    qpvOnMap: 'Sur la carte, les quartiers prioritaires sont hachurés en violet.',

    // --- Rural story ---
    ruralCount: (rural: string, total: string, population: string) => `${rural} communes sur ${total} sont rurales : ${population} des habitants y vivent.`,
    ruralReached: (reached: string, n: number) => `${reached} d’entre elles ${frPlural(n, 'a accueilli', 'ont accueilli')} au moins une entreprise soutenue.`,
    ruralShareOfJobs: (share: string) => `${share} des emplois créés l’ont été dans ces communes.`,
    ruralOnMap: 'Sur la carte, les communes rurales sont en vert.',

    // --- Commune card ---
    inhabitants: (population: string, n: number) => `${population} ${frPlural(n, 'habitant', 'habitants')}`,
    noLayoffs: 'Aucun licenciement collectif connu dans la commune.',
    layoffsSecret: (value: string) => `Emplois supprimés par des licenciements collectifs : ${value}.`,
    layoffsJobs: (jobs: string, n: number) => `${jobs} ${frPlural(n, 'emploi supprimé', 'emplois supprimés')} par des licenciements collectifs.`,
    otherCommune: '← Choisir une autre commune',

    // --- Commune picker ---
    touchFirstLetter: 'Touchez la première lettre du nom de votre commune.',
    firstLetterLabel: 'Première lettre de la commune',
    letters: '← Lettres',
    communesIn: (letter: string) => `Communes en « ${letter} »`,
    communesStartingWith: (letter: string) => `Communes commençant par ${letter}`,

    // --- Timeline story ---
    firstYear: (year: number) => `${year} : la première année des fonds mutualisés.`,
    fromTo: (first: number, year: number) => `De ${first} à ${year}, voici ce que les trois fonds ont permis.`,
    yearMasked: (year: number) => `En ${year} seulement : moins de 3 entreprises soutenues (secret statistique).`,
    yearAlone: (year: number, companies: string, nCompanies: number, jobs: string, nJobs: number) =>
      `En ${year} seulement : ${companies} ${frPlural(nCompanies, 'entreprise soutenue', 'entreprises soutenues')}, ${jobs} ${frPlural(nJobs, 'emploi créé', 'emplois créés')}.`,
    previousYear: 'Année précédente',
    nextYear: 'Année suivante',
    mapUpTo: (year: number) => `Sur la carte : les entreprises soutenues jusqu’en ${year}.`,

    // --- Legend ---
    onTheMap: 'Sur la carte',
    fund: (name: string) => `Fonds ${name}`,
    byCommune: (indicator: string) => `${indicator} par commune`,
    legendNote: 'Seules les entreprises qui ont accepté la diffusion sont montrées une par une (jamais les micro-entrepreneurs).',
    /** Choropleth classes (analysis/choropleth.ts legend labels, with the unit). */
    classWithUnit: (label: string, hi: number) => `${label} ${frPlural(hi, 'emploi', 'emplois')}`,
  },
  {
    logo: ['Préfet', 'des Bouches-', 'du-Rhône'],
    title: 'Revitalisation funds in the Bouches-du-Rhône',
    demoData: 'Demonstration data',
    dataAsOf: (date: string) => `Data as of ${date}`,
    panelLabel: 'Information',
    storiesLabel: 'Stories',
    languageLabel: 'Language',
    touchToStart: 'Touch the screen to start',
    unavailable: 'The map is not available at the moment. It will come back by itself shortly.',
    mapLabel: 'Map of the Bouches-du-Rhône: companies supported and jobs created by commune.',

    figures: 'Key figures',
    qpv: 'Priority neighbourhoods',
    rural: 'Rural areas',
    sinceYear: (year: number) => `From ${year} to today`,
    myCommune: 'My commune',
    home: 'Home',

    welcome: 'Welcome',
    intro: [
      'When a large company cuts jobs, the law requires it to help create new ones in the area affected.',
      'In the Bouches-du-Rhône, this money is pooled in three funds that help companies start and grow.',
      'Touch a button at the bottom of the screen to find out where the money went.',
    ],

    tourFigures: 'Revitalisation funds in figures',
    tourQpv: 'In priority neighbourhoods',
    tourRural: 'In rural communes',

    stillThere: 'Are you still there?',
    backHomeIn: 'Back to the start in ',
    fewSeconds: 'a few seconds',
    secondsUnit: ' s',
    touchToContinue: '. Touch the screen to carry on.',

    figCompanies: (n: number | null) => enPlural(n, 'company supported', 'companies supported'),
    figJobs: (n: number | null) => enPlural(n, 'job created', 'jobs created'),
    figAmount: 'in grants awarded',

    qpvJobsShare: (share: string, population: string | null) =>
      `${share} of the jobs created were in a priority neighbourhood (QPV)${population !== null ? `, home to ${population} of the population` : ''}.`,
    ruralJobsShare: (share: string, population: string) => `${share} of the jobs created were in a rural commune, home to ${population} of the population.`,
    layoffsCut: (jobs: string, n: number) => `Collective redundancies cut ${jobs} ${enPlural(n, 'job', 'jobs')} in the Bouches-du-Rhône.`,

    qpvCount: (total: string, inMarseille: string) => `The Bouches-du-Rhône has ${total} priority neighbourhoods (QPV), ${inMarseille} of them in Marseille.`,
    qpvReached: (reached: string, n: number) => `${reached} of them ${enPlural(n, 'has', 'have')} received at least one supported company.`,
    qpvShareOfJobs: (share: string) => `${share} of the jobs created in the Bouches-du-Rhône were in a priority neighbourhood.`,
    qpvOnMap: 'On the map, priority neighbourhoods are hatched in purple.',

    ruralCount: (rural: string, total: string, population: string) => `${rural} of the ${total} communes are rural: ${population} of residents live there.`,
    ruralReached: (reached: string, n: number) => `${reached} of them ${enPlural(n, 'has', 'have')} received at least one supported company.`,
    ruralShareOfJobs: (share: string) => `${share} of the jobs created were in these communes.`,
    ruralOnMap: 'On the map, rural communes are shown in green.',

    inhabitants: (population: string, n: number) => `${population} ${enPlural(n, 'resident', 'residents')}`,
    noLayoffs: 'No known collective redundancies in this commune.',
    layoffsSecret: (value: string) => `Jobs cut by collective redundancies: ${value}.`,
    layoffsJobs: (jobs: string, n: number) => `${jobs} ${enPlural(n, 'job', 'jobs')} cut by collective redundancies.`,
    otherCommune: '← Choose another commune',

    touchFirstLetter: 'Touch the first letter of your commune’s name.',
    firstLetterLabel: 'First letter of the commune',
    letters: '← Letters',
    communesIn: (letter: string) => `Communes starting with “${letter}”`,
    communesStartingWith: (letter: string) => `Communes starting with ${letter}`,

    firstYear: (year: number) => `${year}: the first year of the pooled funds.`,
    fromTo: (first: number, year: number) => `From ${first} to ${year}, this is what the three funds made possible.`,
    yearMasked: (year: number) => `In ${year} alone: fewer than 3 companies supported (confidential).`,
    yearAlone: (year: number, companies: string, nCompanies: number, jobs: string, nJobs: number) =>
      `In ${year} alone: ${companies} ${enPlural(nCompanies, 'company supported', 'companies supported')}, ${jobs} ${enPlural(nJobs, 'job created', 'jobs created')}.`,
    previousYear: 'Previous year',
    nextYear: 'Next year',
    mapUpTo: (year: number) => `On the map: companies supported up to ${year}.`,

    onTheMap: 'On the map',
    fund: (name: string) => `${name} fund`,
    byCommune: (indicator: string) => `${indicator} by commune`,
    legendNote: 'Only companies that agreed to it are shown one by one (never micro-entrepreneurs, the self-employed).',
    classWithUnit: (label: string, hi: number) => `${label} ${enPlural(hi, 'job', 'jobs')}`,
  },
);
