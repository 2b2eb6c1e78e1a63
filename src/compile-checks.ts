/**
 * Checks of constants that tsc runs, beside the constants they guard (`export type X = Assert<LessThan<A, B>>`): a
 * value changed past its limit fails the type check, with no test restating the number and nothing done at run time.
 */

/** Compiles only for `true`. */
export type Assert<T extends true> = T;

/** One element per character of `S`: its length as a tuple. */
type Units<S extends string> = S extends `${string}${infer Rest}` ? [unknown, ...Units<Rest>] : [];

/** Whether one digit comes before another in 0-9. */
type DigitBefore<A extends string, B extends string> = A extends B
  ? false
  : '0123456789' extends `${string}${A}${string}${B}${string}`
    ? true
    : false;

/** Digit strings of the same length, compared from the left. */
type DigitsBefore<A extends string, B extends string> = A extends `${infer A1}${infer ARest}`
  ? B extends `${infer B1}${infer BRest}`
    ? A1 extends B1
      ? DigitsBefore<ARest, BRest>
      : DigitBefore<A1, B1>
    : false
  : false;

/**
 * `A < B` for whole numbers from 0 (literal types, as `typeof` a constant gives them): fewer digits, or as many and
 * smaller from the left. A plain `number` proves nothing, so it is false.
 */
export type LessThan<A extends number, B extends number> = number extends A | B
  ? false
  : Units<`${B}`> extends [...Units<`${A}`>, ...infer More]
    ? More extends []
      ? DigitsBefore<`${A}`, `${B}`>
      : true
    : false;
