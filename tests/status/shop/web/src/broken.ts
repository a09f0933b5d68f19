export const x = ;
import { screenHome } from "./analytics";
screenHome();
