// A server's URL as the simulator shows it (`sim.databases`, the CLI's start-up lines): everything but
// the password, which nothing the simulator prints or returns may hold.

const MASK = "***";

/** `url` with its password replaced by `***`; a string that is no URL with a host is not shown at all. */
export function maskedUrl(url: string): string {
  const parsed = URL.parse(url);
  // Without a host (`admin:secret@db:5432` parses as scheme `admin:` and a path) nothing is a password.
  if (!parsed || parsed.host === "") return "(not shown: not a URL with a host)";
  if (parsed.password !== "") parsed.password = MASK;
  return parsed.href;
}
