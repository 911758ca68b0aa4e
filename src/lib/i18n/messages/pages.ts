// Interface text of the pages area (see ../catalogue.ts).
import { area } from '../area.ts';

export const pages = area({}, {});
