/**
 * The type-level comparison of src/compile-checks.ts, checked by tsc (`npm run typecheck`), not by jest: each line
 * below compiles only while LessThan answers as written, and each `@ts-expect-error` fails the check if it does not.
 */
import type { Assert, LessThan } from '../../src/compile-checks';

export type Below = [
  Assert<LessThan<20_000, 30_000>>,
  Assert<LessThan<29_999, 30_000>>,
  Assert<LessThan<9, 10>>,
  Assert<LessThan<0, 1>>,
];

// @ts-expect-error equal is not less
export type Equal = Assert<LessThan<30_000, 30_000>>;
// @ts-expect-error as many digits, greater
export type Greater = Assert<LessThan<31_000, 30_000>>;
// @ts-expect-error more digits
export type Longer = Assert<LessThan<100_000, 30_000>>;
// @ts-expect-error a plain number proves nothing
export type Wide = Assert<LessThan<number, 30_000>>;
