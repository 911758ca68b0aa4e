// Interface text of the map area (see ../catalogue.ts).
import { area } from '../area.ts';

export const mapText = area({}, {});
