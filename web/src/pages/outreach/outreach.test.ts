import { describe, expect, it } from "vitest";
import { daysLeft, mexicoCityInstant, progressShares } from "./data.ts";

describe("Difusión helpers", () => {
  it("counts calendar days to a deadline, negative once it passed", () => {
    expect(daysLeft("2026-01-05", "2025-12-06")).toBe(30);
    expect(daysLeft("2026-01-05", "2026-01-05")).toBe(0);
    expect(daysLeft("2026-01-05", "2026-01-08")).toBe(-3);
  });

  it("writes a Mexico City date and time as an instant with its offset, or nothing when incomplete", () => {
    expect(mexicoCityInstant("2026-12-08", "09:30")).toBe("2026-12-08T09:30:00-06:00");
    expect(mexicoCityInstant("", "09:30")).toBeNull();
    expect(mexicoCityInstant("2026-12-08", "9:30 AM")).toBeNull();
  });

  it("splits a send's deliveries into sent, failed for good, waiting for a retry and still to go", () => {
    const shares = progressShares({
      total: 10,
      deliveries: { pending: 2, sending: 1, sent: 4, failed_temporary: 1, failed_permanent: 1, bounced: 1 },
    });
    expect(shares).toMatchObject({ sent: 4, failed: 2, retrying: 1, waiting: 3, done: 6 });
    expect(shares.sentShare).toBe(40);
    expect(
      progressShares({
        total: 0,
        deliveries: { pending: 0, sending: 0, sent: 0, failed_temporary: 0, failed_permanent: 0, bounced: 0 },
      }).sentShare,
    ).toBe(0);
  });
});
