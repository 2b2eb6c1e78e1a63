/**
 * The item at `index` of a list a test built or received, failing the test (with the index and the list's length)
 * when the list is shorter: what `list[index]` means under `noUncheckedIndexedAccess`.
 */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined)
    throw new Error(`expected an item at index ${index}, but the list has ${list.length}`);
  return item;
}
