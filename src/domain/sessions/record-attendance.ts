/**
 * Sets the whole attendance list of a session in one transaction: the list sent replaces the stored one, so a
 * rejected list leaves the previous one intact.
 */
import { eq } from "drizzle-orm";
import { attendance } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { listAttendance, loadSession } from "./sessions.repository.ts";
import { type Attendance, ZAttendanceList } from "./sessions.schema.ts";

export async function recordAttendance(
  { actor, db }: UseCaseContext,
  sessionId: string,
  rawInput: unknown,
): Promise<Attendance[]> {
  authorize(actor, "records.write");
  const { entries } = parseInput(ZAttendanceList, rawInput);
  return inTransaction({ actor, db }, async (tx) => {
    await loadSession(tx, sessionId, { lock: true });
    await tx.delete(attendance).where(eq(attendance.sessionId, sessionId));
    if (entries.length > 0)
      await guardDb({ label: "la lista de asistencia" }, () =>
        tx.insert(attendance).values(
          entries.map((entry, position) => ({
            sessionId,
            position: position + 1,
            category: entry.category,
            personId: entry.personId ?? null,
            partyId: entry.partyId ?? null,
            areaId: entry.areaId ?? null,
            capacity: entry.capacity ?? null,
            isPresent: entry.isPresent,
            substitutePersonId: entry.substitutePersonId ?? null,
          })),
        ),
      );
    return listAttendance(tx, sessionId);
  });
}
