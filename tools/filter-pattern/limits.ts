/** The FilterPattern parameter of PutMetricFilter / TestMetricFilter is at most 1024 characters long. */
export const MAX_PATTERN_LENGTH = 1024;

/** "There is a limit of 2 regex for each filter pattern when creating a delimited or JSON filter pattern". */
export const MAX_REGEX_PER_PATTERN = 2;

/** "...and up to three wildcard selectors in a filter pattern with compound expressions." */
export const MAX_WILDCARDS_PER_PATTERN = 3;
