/**
 * What sending a request again would do, one type for the whole app: nothing new (`safe`: a profile update, a
 * lookup, a deletion), store the data twice (`stores_twice`: an event, a counter), or send a message twice
 * (`sends_twice`: a campaign trigger). Each action declares its own beside its definition (src/creates/*.ts,
 * src/searches/*.ts: `export const replay`); sending reads it.
 */
export type Replay = 'safe' | 'stores_twice' | 'sends_twice';

const RISK: Record<Replay, number> = { safe: 0, stores_twice: 1, sends_twice: 2 };

/** The replay of several records sent together: the riskiest of theirs. */
export function riskiest(first: Replay, ...rest: readonly Replay[]): Replay {
  return rest.reduce((worst, replay) => (RISK[replay] > RISK[worst] ? replay : worst), first);
}
