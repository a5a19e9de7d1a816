// Choices the filters offer. Boards are the source adapters techmap ships (producers/); periods use the
// gateway's period syntax ('all', 'Nw' weeks, 'Nm' months).

export const BOARDS = [
  'wanted',
  'jumpit',
  'saramin',
  'programmers',
  'jobkorea',
  'greenhouse',
  'lever',
  'remoteok',
  'hackernews',
  'demo',
] as const;

export const PERIODS = ['all', '4w', '12w', '26w', '52w'] as const;

export const SENIORITIES = ['INTERN', 'JUNIOR', 'MID', 'SENIOR', 'LEAD'] as const;

export const TOP_N = [10, 20, 30, 50] as const;

export const WEEKS = [8, 12, 26, 52] as const;

/** Experience filter: 'newcomer' or the years a person has. */
export const EXPERIENCE = ['newcomer', '1', '3', '5', '7', '10'] as const;

export const CLOSING_DAYS = [3, 7, 14, 30] as const;
