/** The shape of GET /api/v1/dashboard (src/domain/dashboard/dashboard.schema.ts), as the page reads it. */
export type QuarterProgress = {
  /** 1 to 4. */
  quarter: 1 | 2 | 3 | 4;
  programmed: number;
  done: number;
  justified: number;
  pending: number;
  doneOutsideProgramme: number;
  isLineJustified: boolean;
};

export type Dashboard = {
  commission: { id: string; acronym: string; name: string };
  year: number;
  today: string;
  expiringAgreements: {
    id: string;
    key: string;
    title: string;
    counterparts: string[];
    validTo: string;
    daysLeft: number;
  }[];
  programme: { id: string; title: string } | null;
  programmeProgress: { lineId: string; number: number; title: string; quarters: QuarterProgress[] }[];
  activitiesByLineAndMonth: {
    lineId: string | null;
    number: number | null;
    title: string | null;
    months: number[];
    total: number;
  }[];
  attendanceRates: {
    sessionsHeld: number;
    members: { personId: string; name: string; expected: number; attended: number; rate: number }[];
    parties: {
      partyId: string;
      name: string;
      acronym: string | null;
      expected: number;
      attended: number;
      rate: number;
    }[];
  };
};
