// Interface text of the kiosk area (see ../catalogue.ts).
import { area } from '../area.ts';

export const kiosk = area({}, {});
