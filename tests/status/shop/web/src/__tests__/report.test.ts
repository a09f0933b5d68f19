import { trackReportExported } from "../analytics";

trackReportExported();
