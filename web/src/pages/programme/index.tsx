// >>> ENGINEER OF THIS SECTION: the «<<COMMON>>» in your brief is /tmp/brief-common.md — STOP and read it now (ground rules, deadline 12:15 UTC, what you may touch). Worktree /work/wt/activities; decision number 017. Remove this line when you edit the file. <<<
/** The section's pages (its own routes below its path); a placeholder until the section is built. */
import PlaceholderPage from "../placeholder-page.tsx";

export default function Section() {
  return <PlaceholderPage section="nav.programme" />;
}
