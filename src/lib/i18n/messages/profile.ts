// Interface text of the profile area (see ../catalogue.ts).
import { area } from '../area.ts';

export const profile = area({}, {});
