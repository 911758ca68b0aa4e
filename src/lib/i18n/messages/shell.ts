// Interface text of the shell area (see ../catalogue.ts).
import { area } from '../area.ts';

export const shell = area({}, {});
