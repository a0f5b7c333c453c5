/** How a session is named in documents, the API and the web interface. */
import { capitalise, feminineOrdinal } from "../shared/spanish.ts";

const SESSION_KIND = { ordinary: "ordinaria", extraordinary: "extraordinaria", urgent: "urgente" } as const;

/** «Tercera sesión ordinaria», from the session's kind and number. */
export function sessionName(session: { kind: string; number: number }): string {
  return capitalise(
    `${feminineOrdinal(session.number)} sesión ${SESSION_KIND[session.kind as keyof typeof SESSION_KIND]}`,
  );
}
