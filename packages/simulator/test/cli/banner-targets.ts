// The CLI's "Demo seed" lines read back per target: the vendor, and the lines of that target (its label,
// ids, users and, on a real server, how they log in).
export interface BannerTarget {
  vendor: string;
  text: string;
}

export function bannerTargets(output: string): BannerTarget[] {
  const start = output.indexOf("Demo seed (what a client is configured with):\n");
  if (start < 0) throw new Error(`no demo seed lines in:\n${output}`);
  const section = output.slice(start).split("\n\n")[0] ?? "";
  const targets: BannerTarget[] = [];
  for (const line of section.split("\n").slice(1)) {
    const first = /^ {2}(\S+) +/.exec(line);
    if (first?.[1]) targets.push({ vendor: first[1], text: line });
    else {
      const current = targets.at(-1);
      if (current) current.text += `\n${line}`;
    }
  }
  return targets;
}

/** Every line of `vendor`'s targets. */
export function vendorText(targets: readonly BannerTarget[], vendor: string): string {
  return targets
    .filter((target) => target.vendor === vendor)
    .map((target) => target.text)
    .join("\n");
}
