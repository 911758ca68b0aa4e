// Indexed aggregation engine (pure TypeScript, shared by Node and the web worker).
export {
  AggregationEngine,
  countByTerritory,
  createEngineLocator,
  DEFAULT_CELL_DEG,
  type CountsByTerritory,
  type EngineOptions,
  type LocateManyResult,
  type TerritoryCounts,
} from './engine.ts';
export { PolygonLayer } from './polygon-index.ts';
