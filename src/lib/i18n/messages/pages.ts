// Interface text of the pages area (see ../catalogue.ts): the method page, the accessibility
// statement and the router's notices. Legal references (RGAA 4.1, loi n° 2005-102…) are names:
// the English side keeps them in French.
import { area } from '../area.ts';

/** A link to something that does not exist (routing/route.ts `notFound`). */
type NotFound = { kind: 'commune' | 'page'; value: string };

export const pages = area(
  {
    notFound: (nf: NotFound) =>
      nf.kind === 'commune' ? `Aucune commune des Bouches-du-Rhône n’a le code « ${nf.value} ».` : `La page « ${nf.value} » n’existe pas.`,
    notices: {
      publishedMode: 'Ce lien demandait le mode interne, qui n’existe pas sur le site publié : les chiffres publics (secret statistique appliqué) sont affichés.',
    },
    statement: {
      title: 'Déclaration d’accessibilité',
      commitment:
        'La Préfecture des Bouches-du-Rhône (direction départementale de l’emploi, du travail et des solidarités) s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.',
      scope: 'Cette déclaration d’accessibilité s’applique à l’application « Carte des fonds de revitalisation des Bouches-du-Rhône ».',
      status: 'État de conformité',
      statusText: [
        'L’application est ',
        'partiellement conforme',
        ' avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et dérogations énumérées ci-dessous. Aucun audit externe n’a encore été réalisé.',
      ] as readonly [string, string, string],
      results: 'Résultats des tests',
      resultsText:
        'Chaque version est vérifiée automatiquement avec axe-core (règles WCAG 2.1 niveaux A et AA) sur toutes les pages : carte, fiche commune, analyse des écarts, mode borne, import de fichier et impression. Le parcours au clavier est testé de bout en bout.',
      notAccessible: 'Contenus non accessibles',
      nonCompliance: 'Non-conformités et dérogations',
      nonComplianceList: [
        'La carte interactive (image dessinée en WebGL) ne peut pas être restituée par un lecteur d’écran. Toutes ses informations sont disponibles sous forme de tableaux : tableau des communes sous la carte, tableau de l’analyse des écarts, fiche de chaque commune avec ses chiffres et sa liste d’entreprises.',
        'Le tracé d’une zone personnalisée à la souris n’a pas d’équivalent direct au clavier ; un cercle autour d’une commune, de rayon choisi, donne les mêmes chiffres au clavier.',
      ] as readonly string[],
      adjustments: 'Aménagements',
      adjustmentList: [
        'Liens d’évitement vers le contenu, la carte, les tableaux et le pied de page.',
        'Carte utilisable au clavier : flèches pour se déplacer, + et − pour zoomer, bouton « Revenir au département ».',
        'Couleurs choisies pour rester distinctes en cas de daltonisme ; les quartiers prioritaires sont aussi hachurés.',
        'Les animations de la carte et de la borne sont supprimées lorsque le système demande de réduire les animations.',
      ] as readonly string[],
      established: 'Établissement de cette déclaration',
      establishedText: 'Cette déclaration a été établie le 29 novembre 2026.',
      technologies: 'Technologies utilisées',
      technologiesText: 'HTML5, CSS, JavaScript, WebGL (MapLibre GL), Système de design de l’État (DSFR).',
      testEnvironment: 'Environnement de test',
      testEnvironmentText: 'Chromium (sans interface) piloté par Playwright, avec axe-core 4.14 ; vérifications manuelles au clavier.',
      contact: 'Retour d’information et contact',
      contactText:
        'Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter la DDETS des Bouches-du-Rhône pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.',
      remedies: 'Voies de recours',
      remediesText:
        'Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou une fonctionnalité, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits : par son formulaire en ligne, par un délégué du Défenseur des droits dans votre région, ou par courrier (gratuit, sans affranchissement) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    },
    backToMap: 'Retour à la carte',
    method: {
      title: 'Méthode, définitions et sources',
      intro: 'Comment les chiffres de la carte, des fiches et du bilan annuel sont calculés, et avec quelles précautions les lire.',
      glossary: 'Glossaire',
      plannedJob: 'Emploi prévu',
      plannedJobDef: 'Emploi que l’entreprise s’engage à créer lors de la signature de la convention avec le fonds.',
      realisedJob: 'Emploi réalisé',
      realisedJobDef: [
        'Emploi effectivement constaté lors du suivi de l’aide. Le ',
        'taux de réalisation',
        ' rapporte les emplois réalisés aux emplois prévus, sur les seules aides où les deux sont connus.',
      ] as readonly [string, string, string],
      createdJob: 'Emploi créé',
      createdJobDef:
        'Le chiffre retenu partout dans l’application : l’emploi réalisé quand il est connu, sinon l’emploi prévu (aides récentes dont le suivi n’est pas terminé). L’aide par emploi créé est le montant divisé par ces emplois.',
      qpv: 'QPV',
      qpvDef:
        'Quartier prioritaire de la politique de la ville (géographie 2024, ANCT). Une aide compte en QPV quand l’adresse de l’entreprise est dans le périmètre du quartier, ou quand le fichier l’indique.',
      rural: 'Commune rurale (grille de densité)',
      ruralDef:
        'Commune des niveaux 5, 6 ou 7 de la grille communale de densité de l’INSEE (bourgs ruraux, rural à habitat dispersé et très dispersé). La carte propose aussi le zonage France Ruralités Revitalisation (FRR).',
      affected: 'Commune touchée',
      affectedDef: 'Commune où au moins un licenciement collectif a eu lieu (Marseille comptée comme une seule commune dans le bilan).',
      whiteZone: 'Zone blanche',
      whiteZoneDef: 'Territoire touché par des licenciements, ou à besoin élevé, qui n’a reçu aucun soutien ou un soutien faible (le tiers le plus bas des territoires).',
      coverage: 'Taux de couverture',
      coverageDef:
        'Emplois créés dans un territoire divisés par les emplois supprimés par les licenciements collectifs, sur la même période : 100 % signifie autant d’emplois créés que supprimés.',
      secret: 'Secret statistique',
      secretDef: (n: number) =>
        `En mode public, aucun chiffre calculé sur moins de ${n} entreprises n’est montré (« < ${n} », « secret statistique »), ni le montant d’une entreprise, ni un micro-entrepreneur pris isolément (loi n° 51-711 du 7 juin 1951 ; règles de fréquence et de dominance appliquées par la statistique publique).`,
      industry: 'Industrie (réindustrialisation)',
      industryDef: (sections: string) => `Les sections NAF ${sections}, parmi les aides dont le secteur est connu.`,
      leverage: 'Effet de levier',
      leverageDef:
        'Cofinancements mobilisés (prêts bancaires, autres financements) par euro apporté par le fonds, sur les aides dont le cofinancement est renseigné (colonne facultative « Cofinancement » ou « Prêts bancaires » du fichier).',
      age: 'Âge de l’entreprise',
      ageDef: 'Années entre la date de création de l’entreprise et la date de l’aide, quand la date de création est connue (colonne facultative « Date de création »).',
      microcredit: 'Où est placé un microcrédit ?',
      microcreditText:
        'Un microcrédit de l’ADIE est placé à l’adresse de l’emprunteur, là où l’activité est créée (son local ou son domicile), et non à l’adresse de l’ADIE ou de l’agence qui l’a accordé : la carte montre où les emplois sont créés, pas où le fonds est géré. La même règle vaut pour les deux autres fonds (adresse de l’établissement aidé). En mode public, les micro-entrepreneurs ne sont jamais dessinés un par un : ils ne comptent que dans les totaux des territoires.',
      sources: 'Sources',
      sourceFunds: (demo: boolean) =>
        `Aides des fonds : fichiers de suivi de la DDETS des Bouches-du-Rhône et des gestionnaires des fonds (AMPA, Airbus Développement, ADIE)${demo ? ' ; ici, données de démonstration fictives produites par le projet' : ''}.`,
      sourceLayoffs: (demo: boolean) => `Licenciements collectifs : DDETS 13${demo ? ' (fictifs dans la démonstration)' : ''}.`,
      sourceGeo: 'Contours : IGN ADMIN EXPRESS et GEOFLA ; QPV 2024 : ANCT ; grille de densité, zones d’emploi, Filosofi, chômage localisé : INSEE ; FRR : ANCT.',
      caveats: 'Précautions de lecture',
      caveatList: [
        'Les emplois créés sont déclarés par les entreprises et les gestionnaires des fonds ; ils ne sont pas contrôlés un par un. La Cour des comptes a souligné que les emplois issus de la revitalisation sont difficiles à mesurer (emplois qui auraient existé sans l’aide, durée des emplois).',
        'Les emplois des aides récentes sont des emplois prévus, pas encore constatés.',
        'Les montants sont ceux des aides accordées ; cofinancements et dates de création sont déclaratifs et parfois absents (le bilan indique combien d’aides sont renseignées).',
        'Le secret statistique masque les petits effectifs ; une somme de lignes publiées peut alors être inférieure au total.',
      ] as readonly string[],
    },
  },
  {
    notFound: (nf: NotFound) =>
      nf.kind === 'commune' ? `No commune in Bouches-du-Rhône has the code “${nf.value}”.` : `The page “${nf.value}” does not exist.`,
    notices: {
      publishedMode:
        'This link asked for the internal mode, which the published site does not have: the public figures (with statistical confidentiality applied) are shown.',
    },
    statement: {
      title: 'Accessibility statement',
      commitment:
        'The Préfecture des Bouches-du-Rhône (its departmental directorate for employment, labour and solidarity, DDETS) is committed to making its digital services accessible, in line with article 47 of loi n° 2005-102 du 11 février 2005.',
      scope: 'This accessibility statement applies to the application “Carte des fonds de revitalisation des Bouches-du-Rhône” (map of the revitalisation funds).',
      status: 'Compliance status',
      statusText: [
        'The application is ',
        'partially compliant',
        ' with the French accessibility standard RGAA (référentiel général d’amélioration de l’accessibilité), version 4.1, because of the non-compliances and exemptions listed below. No external audit has been carried out yet.',
      ],
      results: 'Test results',
      resultsText:
        'Every version is checked automatically with axe-core (WCAG 2.1 level A and AA rules) on every page: map, commune page, gap analysis, kiosk mode, file import and printing. Keyboard use is tested from start to finish.',
      notAccessible: 'Content that is not accessible',
      nonCompliance: 'Non-compliances and exemptions',
      nonComplianceList: [
        'The interactive map (an image drawn with WebGL) cannot be read by a screen reader. All its information is available as tables: the table of communes below the map, the gap analysis table, and each commune’s page with its figures and list of companies.',
        'Drawing a custom area with the mouse has no direct keyboard equivalent; a circle of chosen radius around a commune gives the same figures from the keyboard.',
      ],
      adjustments: 'Adjustments',
      adjustmentList: [
        'Skip links to the content, the map, the tables and the footer.',
        'The map works from the keyboard: arrow keys to move, + and − to zoom, and a button to go back to the whole département.',
        'Colours chosen to stay distinct for colour-blind people; priority neighbourhoods are also hatched.',
        'Animations of the map and the kiosk are turned off when the system asks for reduced motion.',
      ],
      established: 'Preparation of this statement',
      establishedText: 'This statement was prepared on 29 November 2026.',
      technologies: 'Technologies used',
      technologiesText: 'HTML5, CSS, JavaScript, WebGL (MapLibre GL), the French State design system (DSFR).',
      testEnvironment: 'Test environment',
      testEnvironmentText: 'Headless Chromium driven by Playwright, with axe-core 4.14; manual keyboard checks.',
      contact: 'Feedback and contact',
      contactText:
        'If you cannot access some content or a service, you can contact the DDETS des Bouches-du-Rhône to be directed to an accessible alternative or to get the content in another form.',
      remedies: 'How to complain',
      remediesText:
        'If you find an accessibility problem that stops you from using some content or a feature, you have told us about it and you have not had an answer, you have the right to send a complaint or a request to the Défenseur des droits (the French rights ombudsman): through its online form, through a Défenseur des droits representative in your region, or by post (free, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    },
    backToMap: 'Back to the map',
    method: {
      title: 'Method, definitions and sources',
      intro: 'How the figures of the map, the commune pages and the annual review are worked out, and how to read them with care.',
      glossary: 'Glossary',
      plannedJob: 'Planned job',
      plannedJobDef: 'A job the company commits to create when it signs its agreement with the fund.',
      realisedJob: 'Realised job',
      realisedJobDef: [
        'A job actually observed when the aid is followed up. The ',
        'achievement rate',
        ' compares realised jobs with planned jobs, counting only the aid where both are known.',
      ],
      createdJob: 'Job created',
      createdJobDef:
        'The figure used throughout the app: the realised job when it is known, otherwise the planned job (recent aid whose follow-up is not finished). Aid per job created is the amount divided by these jobs.',
      qpv: 'QPV',
      qpvDef:
        'Quartier prioritaire de la politique de la ville: a priority neighbourhood of urban policy (2024 boundaries, ANCT). Aid counts as in a QPV when the company’s address is inside the neighbourhood, or when the file says so.',
      rural: 'Rural commune (density grid)',
      ruralDef:
        'A commune at level 5, 6 or 7 of the INSEE municipal density grid (rural towns, rural with dispersed housing and with very dispersed housing). The map also shows the France Ruralités Revitalisation (FRR) rural regeneration areas.',
      affected: 'Affected commune',
      affectedDef: 'A commune where at least one collective layoff took place (Marseille counts as a single commune in the annual review).',
      whiteZone: 'Zone blanche (gap area)',
      whiteZoneDef: 'An area hit by layoffs, or with high need, that got no support or little support (the lowest third of areas).',
      coverage: 'Coverage rate',
      coverageDef: 'Jobs created in an area divided by the jobs cut by collective layoffs over the same period: 100% means as many jobs created as cut.',
      secret: 'Statistical confidentiality',
      secretDef: (n: number) =>
        `In public mode, no figure based on fewer than ${n} companies is shown (“< ${n}”, “statistical confidentiality”), nor the amount received by a company, nor a single micro-entrepreneur (loi n° 51-711 du 7 juin 1951, the French statistics law; frequency and dominance rules used by official statistics).`,
      industry: 'Industry (reindustrialisation)',
      industryDef: (sections: string) => `NAF sections ${sections}, among the aid whose sector is known.`,
      leverage: 'Leverage',
      leverageDef:
        'Co-funding raised (bank loans, other funding) per euro given by the fund, counting only the aid whose co-funding is known (optional “Cofinancement” or “Prêts bancaires” column of the file).',
      age: 'Age of the company',
      ageDef: 'Years between the date the company was created and the date of the aid, when the creation date is known (optional “Date de création” column).',
      microcredit: 'Where is a microcredit placed?',
      microcreditText:
        'An ADIE microcredit is placed at the borrower’s address, where the business is set up (its premises or the borrower’s home), not at the address of ADIE or of the branch that granted it: the map shows where jobs are created, not where the fund is managed. The same rule applies to the other two funds (address of the business supported). In public mode, micro-entrepreneurs are never shown one by one: they only count in the totals of each area.',
      sources: 'Sources',
      sourceFunds: (demo: boolean) =>
        `Aid from the funds: monitoring files of the DDETS des Bouches-du-Rhône (the State’s employment services) and of the fund managers (AMPA, Airbus Développement, ADIE)${demo ? '; here, fictitious demonstration data made by the project' : ''}.`,
      sourceLayoffs: (demo: boolean) => `Collective layoffs: DDETS 13${demo ? ' (fictitious in the demonstration)' : ''}.`,
      sourceGeo: 'Boundaries: IGN ADMIN EXPRESS and GEOFLA; QPV 2024: ANCT; density grid, employment areas, Filosofi, local unemployment: INSEE; FRR: ANCT.',
      caveats: 'Reading the figures with care',
      caveatList: [
        'Jobs created are declared by the companies and the fund managers; they are not checked one by one. The Cour des comptes (the national audit office) has pointed out that jobs from revitalisation are hard to measure (jobs that would have existed without the aid, how long the jobs last).',
        'Jobs from recent aid are planned jobs, not yet observed.',
        'Amounts are those of the aid granted; co-funding and creation dates are declared by the companies and sometimes missing (the annual review says how many aids have them).',
        'Statistical confidentiality hides small counts, so the sum of the published lines can be lower than the total.',
      ],
    },
  },
);
