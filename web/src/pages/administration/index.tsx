/** The section's pages (its own routes below its path); a placeholder until the section is built. */
import PlaceholderPage from "../placeholder-page.tsx";

export default function Section() {
  return <PlaceholderPage section="nav.administration" />;
}
