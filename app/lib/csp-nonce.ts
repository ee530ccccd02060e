/**
 * A new Content-Security-Policy nonce: base64 of a random UUID, unpredictable and never repeated.
 * proxy.ts gives one to every page render; the page cache gives one to every page it serves.
 */
export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}
