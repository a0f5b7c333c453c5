/** The texts of dashboard, in both languages: English must have exactly the keys of Spanish (`satisfies`). */
const es = {} as const;

const en = {} satisfies Record<keyof typeof es, string>;

export const dashboardMessages = { es, en };
