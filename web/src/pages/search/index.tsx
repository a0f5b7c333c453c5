/** Búsqueda: the results of the header's search box (`/buscar?q=…`); a placeholder until it is built. */
import PlaceholderPage from "../placeholder-page.tsx";

export default function SearchPage() {
  return <PlaceholderPage section="nav.search" />;
}
