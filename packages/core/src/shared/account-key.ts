// The vendor account a shared quota counts requests for: the provider and either the caller's name for
// it or a digest of the credential (never the credential itself: the key is visible in the store).

let last: { credential: string; digest: string } | undefined;

async function digestOf(credential: string): Promise<string> {
  if (last?.credential === credential) return last.digest;
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(credential));
  const digest = Array.from(new Uint8Array(bytes).subarray(0, 12), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  last = { credential, digest };
  return digest;
}

export async function accountKey(
  provider: string,
  key: string | undefined,
  credential: string | undefined,
): Promise<string> {
  if (key !== undefined) return `${provider}:${key}`;
  return `${provider}:${credential === undefined ? "anonymous" : await digestOf(credential)}`;
}
