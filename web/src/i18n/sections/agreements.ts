/** The texts of agreements, in both languages: English must have exactly the keys of Spanish (`satisfies`). */
const es = {} as const;

const en = {} satisfies Record<keyof typeof es, string>;

export const agreementsMessages = { es, en };
