import type { AuthScheme } from "../vendor.ts";

/** The header that carries a credential under a vendor's scheme, and its value. */
export function authHeader(scheme: AuthScheme, token: string): [name: string, value: string] {
  switch (scheme.type) {
    case "bearer":
      return ["authorization", `Bearer ${token}`];
    case "basic":
      return ["authorization", `Basic ${base64(`${scheme.username}:${token}`)}`];
    case "header":
      return [scheme.name.toLowerCase(), scheme.prefix ? `${scheme.prefix} ${token}` : token];
  }
}

// btoa takes Latin-1 only; encoding to UTF-8 bytes first keeps any credential intact.
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
