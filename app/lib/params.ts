export const MAX_SLUG_LENGTH = 200;

/** Whether a string can be an article slug at all (lower-case words joined by hyphens, as the seeder requires). */
export function isPossibleSlug(slug: string): boolean {
  return slug.length <= MAX_SLUG_LENGTH && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug);
}
