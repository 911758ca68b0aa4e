// Provenance texts (French, shown in the « Sources et licences » panel) and manifest assembly.

import { gzipSync } from 'node:zlib';
import type { AttributeSourceEntry, GeodataManifest, ProvenanceEntry } from '../../src/lib/geodata/types.ts';

export type ProvenanceText = Omit<ProvenanceEntry, 'features' | 'bytes' | 'gzipBytes'>;

export interface BuildStats {
  coordDecimals: number;
  contextTolerance: number;
  marseilleRevenuMedian: number | null;
  marseillePartMinimaSociaux: number | null;
  latestQuarter: string | null;
  epciHolesRemoved: number;
  zeHolesRemoved: number;
  decoupageVersion: string;
  /** Border band kept from the neighbouring départements (degrees). */
  neighbourBandDeg: number;
}

const GF_2018 =
  'IGN ADMIN EXPRESS COG 2018, via le dépôt GitHub gregoiredavid/france-geojson (tag v2.1.1, commit 5d34ee6d0140c29f785fdb047d9329f1aab58833)';
const PRECISION_NOTE =
  "Aucune version plus précise n'est disponible hors ligne : ces mêmes fichiers servent à l'affichage et aux analyses (précision pleine disponible = celle du fichier source).";

const fr = (n: number | null, digits = 0): string =>
  n === null ? '—' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(n);

// Not split: a declarative table of every layer's provenance.
export function layerProvenance(s: BuildStats): ProvenanceText[] {
  const round = `Coordonnées arrondies à ${s.coordDecimals} décimales (≈ 1 m), sommets consécutifs identiques supprimés.`;
  return [
    {
      layer: 'communes.geojson',
      title: 'Communes des Bouches-du-Rhône (119)',
      producer: 'IGN (contours) ; INSEE, DGCL, ANCT (attributs joints, voir « attributeSources »)',
      vintage: `Contours 2018 ; noms, populations, codes postaux et EPCI : COG 2026 (@etalab/decoupage-administratif ${s.decoupageVersion})`,
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: false,
      source: `${GF_2018}, fichier departements/13-bouches-du-rhone/communes-13-bouches-du-rhone.geojson (communes-13.geojson)`,
      transformations: [
        'Contours déjà simplifiés en amont par mapshaper (Visvalingam pondéré, 25 %, 5 décimales) : pas de nouvelle simplification, pour garder des limites communes identiques et des polygones valides.',
        round,
        PRECISION_NOTE,
        'Noms (avec article, ex. « La Ciotat »), population municipale et codes postaux pris dans @etalab/decoupage-administratif par code INSEE (les noms IGN 2018 sont ignorés).',
        'Densité : grille communale de densité INSEE à 7 niveaux ; rural = niveaux 5, 6 et 7.',
        "Marseille (13055) : revenu médian et part des minima sociaux Filosofi 2021 = moyenne pondérée par la population des 16 arrondissements ; une moyenne de médianes n'est qu'une approximation de la médiane communale.",
        'Licence non entièrement confirmée : attributs FRR et ZRR de licence non indiquée, légende FRR non officielle (voir « attributeSources »).',
        'qpvCount = nombre de QPV 2024 dont la liste de communes contient la commune.',
      ],
    },
    {
      layer: 'qpv.geojson',
      title: 'Quartiers prioritaires de la politique de la ville 2024 (71)',
      producer: 'ANCT (SIG Ville)',
      vintage: 'Génération 2024 (décret 2023-1314, en vigueur au 1er janvier 2024)',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source:
        'ANCT, « Quartiers prioritaires de la politique de la ville (QPV) », data.gouv.fr, QP2024_France_Hexagonale_Outre_Mer_WGS84.geojson ; extrait PACA à 5 décimales du dépôt GitHub SKHTay/Carto-Sante-PACA-T-l-med (qpv-paca.geojson, commit 3e5804189808e6305b6c9b2a25fadc9e22bcc909), contrôlé avec bpineau/gazetteer (sources/qpv/data/qpv.json.gz)',
      transformations: [
        'Simplification Douglas-Peucker (tolérance 1,5e-5°, ≈ 1–2 m) et arrondi à 5 décimales faits en amont : ce n’est pas la précision officielle ANCT (non disponible hors ligne).',
        'Extrait transcrit à la main via un index de recherche puis vérifié sommet par sommet contre le fichier à 4 décimales (écart < 6 m).',
        'Codes, noms et communes contrôlés contre qpv-2024-13.geojson (échec du build en cas d’écart).',
        'Zonage ARS ZIP/ZAC non repris.',
        round,
        PRECISION_NOTE,
      ],
    },
    {
      layer: 'arrondissements.geojson',
      title: 'Arrondissements municipaux de Marseille (16)',
      producer: 'IGN (contours GEOFLA 2.2) ; INSEE (population, Filosofi)',
      vintage: 'Contours 2016 ; population COG 2026 ; Filosofi 2021',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source:
        'IGN GEOFLA 2.2 (2016), via gregoiredavid/france-geojson tag v2.0.2 (commit 07449d8bcbeaae0ae9558a83a9e6708ac87846ed), communes-13-bouches-du-rhone.geojson (entités 132xx)',
      transformations: [
        'Noms normalisés (« Marseille 2e arrondissement », espaces doubles supprimés).',
        'Population municipale : @etalab/decoupage-administratif (arrondissements municipaux).',
        'Revenu médian et part des minima sociaux : Filosofi 2021 par arrondissement.',
        'Contours plus anciens que ceux des communes : leur union ne coïncide pas exactement avec Marseille (≈ 2,7 km² hors de la commune, ≈ 7 km² de côte et d’îles non couverts).',
        round,
      ],
    },
    {
      layer: 'epci.geojson',
      title: 'Intercommunalités (EPCI) couvrant les Bouches-du-Rhône (4)',
      producer: 'DGCL (composition, via @etalab/decoupage-administratif) ; IGN (contours des communes)',
      vintage: 'Composition 2026 (epcicom2026) ; contours 2018',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: `epci.json de @etalab/decoupage-administratif ${s.decoupageVersion} ; contours : ${GF_2018} (communes 13, 83 et 84)`,
      transformations: [
        'Contours obtenus par fusion (turf union) des polygones des communes membres.',
        'La Métropole d’Aix-Marseille-Provence inclut Pertuis (84089, Vaucluse) et Saint-Zacharie (83120, Var) : leurs contours (fichiers IGN 2018 des départements 84 et 83) sont inclus dans son tracé.',
        'Population = somme des populations municipales de communes.json de tous les membres (y compris Pertuis et Saint-Zacharie) ; elle diffère des populations DGCL de epci.json.',
        `Trous de moins de 0,05 km² supprimés après fusion : ${s.epciHolesRemoved} (l’étang de Berre est conservé).`,
        round,
      ],
    },
    {
      layer: 'zones-emploi.geojson',
      title: 'Zones d’emploi 2020 (parties dans les Bouches-du-Rhône, 7)',
      producer: 'INSEE',
      vintage: `Zonage 2020, table d’appartenance 2025 ; chômage localisé ${s.latestQuarter ?? '—'}`,
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source:
        'INSEE, table d’appartenance géographique des communes 2025 et taux de chômage localisés par zone d’emploi, via bpineau/gazetteer (sources/chomage/data/chomage_zones_emploi.json) ; contours : communes IGN 2018',
      transformations: [
        'Contours obtenus par fusion (turf union) des communes du département selon leur zone d’emploi : seules les parties situées dans les Bouches-du-Rhône sont tracées, alors que plusieurs zones débordent sur les départements voisins (Arles, Avignon, Cavaillon, Manosque notamment).',
        `Taux de chômage : dernier trimestre disponible (${s.latestQuarter ?? '—'}), corrigé des variations saisonnières, en % ; il porte sur toute la zone d’emploi.`,
        `Trous de moins de 0,05 km² supprimés après fusion : ${s.zeHolesRemoved}.`,
        round,
      ],
    },
    {
      layer: 'departement.geojson',
      title: 'Contour du département des Bouches-du-Rhône',
      producer: 'IGN',
      vintage: 'ADMIN EXPRESS COG 2018',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: `${GF_2018}, departement-13-bouches-du-rhone.geojson`,
      transformations: ['Entité unique placée dans une FeatureCollection.', round],
    },
    {
      layer: 'context.geojson',
      title: 'Départements voisins (contexte cartographique, 8)',
      producer: 'IGN',
      vintage: 'ADMIN EXPRESS COG 2018',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: `${GF_2018}, departements.geojson (départements 04, 05, 06, 26, 30, 34, 83, 84)`,
      transformations: [
        `Simplification Douglas-Peucker (turf.simplify, tolérance ${s.contextTolerance}°) : fond de contexte uniquement, ne pas utiliser pour des analyses.`,
        'Coordonnées arrondies à 4 décimales.',
      ],
    },
    {
      layer: 'commune-labels.geojson',
      title: 'Points d’étiquette des communes (119)',
      producer: 'Calculé à partir de communes.geojson',
      vintage: 'Contours 2018 ; COG 2026',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: 'communes.geojson (ce build)',
      transformations: [
        'Un point par commune : pôle d’inaccessibilité (algorithme polylabel, précision ≈ 50 m) de la plus grande partie du polygone.',
      ],
    },
    {
      layer: 'communes-voisines.geojson',
      title: 'Communes des départements voisins proches de la limite (04, 30, 83, 84)',
      producer: 'IGN',
      vintage: 'ADMIN EXPRESS COG 2018',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: `${GF_2018}, fichiers departements/<dép.>/communes-<dép.>.geojson des départements 04, 30, 83 et 84`,
      transformations: [
        `Seules les communes dont l’emprise s’approche à moins de ${s.neighbourBandDeg}° (≈ 4 km) de l’emprise d’une commune des Bouches-du-Rhône sont gardées, sans simplification (mêmes limites que les communes des Bouches-du-Rhône, issues de la même source).`,
        'Sert à l’import : un point situé dans l’une de ces communes est refusé en la nommant, au lieu d’être rattaché à une commune des Bouches-du-Rhône ; le rattachement au littoral ne s’applique qu’aux points en mer.',
        'Contours 2018 : trois codes du Gard (30094, 30157, 30190) ont disparu depuis par fusion de communes.',
        round,
      ],
    },
    {
      layer: 'hors-departement.json',
      title: 'Noms des départements et des communes hors des Bouches-du-Rhône (import)',
      producer: 'INSEE (COG 2026)',
      vintage: 'COG 2026',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: `Paquet npm @etalab/decoupage-administratif ${s.decoupageVersion} (data/communes.json, data/departements.json)`,
      transformations: [
        'Tous les départements ; les communes des départements 04, 05, 06, 26, 30, 34, 83 et 84, et les homonymes des communes des Bouches-du-Rhône partout en France (même nom aux accents, articles et « Saint »/« St » près), avec leurs codes postaux.',
        'Sert à l’import : un code INSEE ou un code postal hors du département est refusé en nommant la commune et son département, jamais rattaché par son nom à une commune des Bouches-du-Rhône.',
      ],
    },
    {
      layer: 'territoires.json',
      title: 'Index des territoires (sans géométrie)',
      producer: 'Calculé à partir des couches ci-dessus',
      vintage: 'Voir chaque couche',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: false,
      source: 'communes, arrondissements, EPCI, zones d’emploi, QPV (ce build)',
      transformations: [
        'Attributs sans géométrie, avec point d’étiquette et emprise (bbox) ; population du département = somme des 119 communes (communes.json).',
        'Licence non entièrement confirmée pour les mêmes raisons que communes.geojson (FRR, ZRR).',
      ],
    },
  ];
}

// Not split: a declarative table of the attribute sources.
export function attributeSources(s: BuildStats): AttributeSourceEntry[] {
  return [
    {
      layer: 'communes.geojson, arrondissements.geojson, epci.geojson, territoires.json',
      fields: ['nom', 'population', 'codesPostaux', 'epci', 'epciNom'],
      title: 'Découpage administratif (COG 2026)',
      producer: 'INSEE (COG, populations légales) ; DGCL (EPCI)',
      vintage: `COG 2026 ; populations légales citées par le paquet (insee.fr/fr/statistiques/8680726) ; epcicom2026`,
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: `Paquet npm @etalab/decoupage-administratif ${s.decoupageVersion} (data/communes.json, data/epci.json)`,
      transformations: ['Jointure par code INSEE ; une seule source de population (communes.json) pour toutes les couches.'],
    },
    {
      layer: 'communes.geojson',
      fields: ['densite', 'densiteLibelle', 'rural'],
      title: 'Grille communale de densité à 7 niveaux',
      producer: 'INSEE',
      vintage: 'Édition 2022 probable (populations 2019) ; millésime non indiqué dans la source',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source:
        'Colonnes INSEE (grille_densite_7_niveaux_detaille_2022.xlsx) jointes par un tiers dans communes-13-osm.geojson, dépôt GitHub erwan336/analyse-spatiale-climatique-bouches-du-rhone (data/raw/communes_13.geojson, commit 53d647a3fd00544b24eafba356bd62875cf48e9c)',
      transformations: [
        'Seul le code numérique 1–7 est repris ; la géométrie et les autres données OpenStreetMap (ODbL) de ce fichier ne sont pas utilisées.',
        'Libellés INSEE standard ; contrôle croisé avec le libellé « grille_densite » de communes-france-2024-13.csv (échec du build en cas de désaccord).',
      ],
    },
    {
      layer: 'communes.geojson',
      fields: [],
      title: 'Communes et villes de France 2024 (contrôle de la densité uniquement)',
      producer: 'Compilation data.gouv.fr (INSEE, IGN)',
      vintage: '2024',
      licence: 'non confirmée',
      licenceConfirmed: false,
      source:
        'data.gouv.fr « Communes et villes de France en CSV, Excel, JSON, Parquet et Feather », via ines-lorquet/terre-vent-feu-eau-data (data/communes-france-2024.csv, commit d3b210ab6178f7e491ac5b4f3c776c99f2ab2ad1)',
      transformations: ['Utilisé seulement pour contrôler la grille de densité : aucune valeur n’est reprise dans les couches.'],
    },
    {
      layer: 'communes.geojson',
      fields: ['frr', 'frrLibelle'],
      title: 'France Ruralités Revitalisation (FRR)',
      producer: 'ANCT / Observatoire des territoires, d’après la DGCL',
      vintage: 'Géographie communale 2025 ; arrêtés du 19 juin 2024, du 14 avril 2025 et FRR+ de juillet 2025 ; extrait le 2026-09-28',
      licence: 'non confirmée',
      licenceConfirmed: false,
      source:
        'Indicateur codefrr de l’Observatoire des territoires, via hantaranui/grist-qpv-widget (donnees/frr-communes.json, commit e7e75fe657f30b8d4f57cd11ef23dd7e2f98bbe2)',
      transformations: [
        'Légende NON OFFICIELLE (0 « Non classée », 1 « Effets du FRR (ancienne ZRR, mesure transitoire) », 4 « FRR », 5 « FRR+ »), reprise du même dépôt : à vérifier sur observatoire-des-territoires.gouv.fr avant publication.',
        'Licence non indiquée dans la source publique utilisée (données publiques ANCT).',
      ],
    },
    {
      layer: 'communes.geojson',
      fields: ['zrr'],
      title: 'Anciennes zones de revitalisation rurale (ZRR)',
      producer: 'ANCT / Observatoire des territoires',
      vintage: 'Liste du 9 novembre 2022 (zonage historique, remplacé par FRR au 1er juillet 2024)',
      licence: 'non confirmée',
      licenceConfirmed: false,
      source: 'gip-inclusion/les-emplois, itou/geo/fixtures/ZRR_20221109.json (commit b8704812bf22b05445521508066cba9d53ca72fd)',
      transformations: ['zrr = vrai pour le statut C (classée).', 'Licence non indiquée dans la source publique utilisée (données publiques ANCT).'],
    },
    {
      layer: 'communes.geojson, zones-emploi.geojson',
      fields: ['ze', 'zeNom', 'tauxChomage', 'trimestre'],
      title: 'Zones d’emploi 2020 et taux de chômage localisés',
      producer: 'INSEE',
      vintage: `Table d’appartenance 2025 ; chômage ${s.latestQuarter ?? '—'}`,
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source: 'bpineau/gazetteer, sources/chomage/data/chomage_zones_emploi.json (commit f63c4430ad44a04167835abd0c6dad32c4bbc13b)',
      transformations: ['Jointure par code INSEE ; code de zone à 4 caractères.'],
    },
    {
      layer: 'communes.geojson, arrondissements.geojson',
      fields: ['revenuMedian', 'partMinimaSociaux'],
      title: 'Revenus et minima sociaux (Filosofi 2021)',
      producer: 'INSEE',
      vintage: '2021',
      licence: 'Licence Ouverte 2.0',
      licenceConfirmed: true,
      source:
        'INSEE Filosofi 2021 via data.gouv.fr « Revenu des Français à la commune », dépôt bpineau/gazetteer (sources/filosofi/data/filosofi_communes.json, commit 7fc683e4d4bcb5654c5765ae1af778667364ed46)',
      transformations: [
        `Marseille : moyenne des 16 arrondissements pondérée par leur population municipale (COG 2026) = ${fr(s.marseilleRevenuMedian)} € et ${fr(s.marseillePartMinimaSociaux, 1)} % ; approximation (une moyenne de médianes n’est pas une médiane).`,
        'Valeurs absentes (secret statistique) laissées vides (null).',
      ],
    },
  ];
}

export function sizeOf(content: string | Buffer): { bytes: number; gzipBytes: number } {
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
}

export function assembleManifest(
  texts: ProvenanceText[],
  sizes: Map<string, { features: number; bytes: number; gzipBytes: number }>,
  attrs: AttributeSourceEntry[],
  sourceDir: string,
  builtAt = new Date().toISOString(),
): GeodataManifest {
  const layers: ProvenanceEntry[] = texts.map((t) => {
    const s = sizes.get(t.layer);
    if (!s) throw new Error(`manifest : taille inconnue pour ${t.layer}`);
    return { ...t, ...s };
  });
  return { builtAt, sourceDir, layers, attributeSources: attrs };
}
