import { ValidationError } from "@dbusers/core";
import { cloud66Rules } from "./cloud66.ts";
import { digitalOceanRules } from "./digitalocean.ts";
import { hostUpRules } from "./hostup.ts";
import type { VendorRules } from "./rules.ts";
import { scalingoRules } from "./scalingo.ts";

/** Every vendor's rules, by provider name: the one list of vendors the declarative core knows. */
export const VENDOR_RULES: Readonly<Record<VendorRules["section"], VendorRules>> = {
  digitalocean: digitalOceanRules,
  scalingo: scalingoRules,
  cloud66: cloud66Rules,
  hostup: hostUpRules,
};

export function rulesFor(provider: string): VendorRules {
  if (Object.hasOwn(VENDOR_RULES, provider)) return VENDOR_RULES[provider as VendorRules["section"]];
  throw new ValidationError(`dbusers: no declarative rules for provider ${JSON.stringify(provider)}`, {
    provider: "dbusers",
    issues: [{ path: "provider", message: `must be one of ${Object.keys(VENDOR_RULES).join(", ")}` }],
  });
}
