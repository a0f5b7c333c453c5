/** The attendance list of a session, in the order it is presented. */
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { listAttendance, loadSession } from "./sessions.repository.ts";
import type { Attendance } from "./sessions.schema.ts";

export async function listSessionAttendance(
  { actor, db }: UseCaseContext,
  sessionId: string,
): Promise<Attendance[]> {
  authorize(actor, "sessions.read");
  await loadSession(db, sessionId);
  return listAttendance(db, sessionId);
}
