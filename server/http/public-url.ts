/**
 * The addresses printed in a report (the cover's verification link and QR code). They must work for whoever holds the
 * paper, so they come from the configured public address (DSD_PUBLIC_URL); without one, from the host the issuing
 * request came to — the address the issuer used, which may be a LAN address or localhost.
 */

/** Where the server is reached from outside, without a trailing slash. */
export function publicBase(publicUrl: string | null, request: { protocol: string; host: string }): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** The public verification page's address without the code. */
export const verifyBase = (base: string): string => `${base}/api/verify/`;
