/*
 * Column names every statistics package accepts as variable names. Stata is the strictest:
 * letters, digits and underscores, not starting with a digit, at most 32 characters. R and
 * pandas take these as they are.
 */

export const MAX_VARIABLE_NAME = 32;

/**
 * `parts` joined with underscores as a variable name: other characters become `_`, a leading
 * digit gets a leading `v`, and a name over 32 characters is cut to 32. `taken` holds the names
 * already used (and receives this one): a clash ends in `_2`, `_3`, … within the 32 characters.
 */
export function variableName(parts: readonly string[], taken: Set<string>): string {
  let name = parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
  if (/^[0-9]/.test(name)) name = `v${name}`;
  name = name.slice(0, MAX_VARIABLE_NAME);
  let unique = name;
  for (let n = 2; taken.has(unique); n++) {
    const suffix = `_${n}`;
    unique = `${name.slice(0, MAX_VARIABLE_NAME - suffix.length)}${suffix}`;
  }
  taken.add(unique);
  return unique;
}
