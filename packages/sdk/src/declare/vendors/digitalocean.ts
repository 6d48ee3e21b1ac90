// DigitalOcean: engine settings change in place (updateSettings); the MySQL auth plugin changes only with
// a password reset, so a different one is drift.
import type { DigitalOceanUserRaw, DigitalOceanUsers } from "@dbusers/client-digitalocean";
import type { DatabaseUser } from "@dbusers/core";
import { matchesDeclared } from "../match.ts";
import type { FieldChange } from "../types.ts";
import { type VendorRules, vendorUsers } from "./rules.ts";

const rawOf = (user: DatabaseUser) => (user.raw ?? {}) as Partial<DigitalOceanUserRaw>;

export const digitalOceanRules: VendorRules = {
  section: "digitalocean",
  unsupported: {
    databases: "DigitalOcean takes a MongoDB user's databases in digitalocean.settings.mongo_user_settings",
  },
  createInput: ({ name, readOnly, digitalocean }) => ({
    name,
    ...(readOnly === undefined ? {} : { readOnly }),
    ...(digitalocean?.authPlugin === undefined ? {} : { authPlugin: digitalocean.authPlugin }),
    ...(digitalocean?.settings === undefined ? {} : { settings: digitalocean.settings }),
  }),
  compare({ digitalocean }, actual) {
    const raw = rawOf(actual);
    const update: FieldChange[] = [];
    const drift: FieldChange[] = [];
    if (digitalocean?.settings !== undefined && !matchesDeclared(digitalocean.settings, raw.settings)) {
      update.push({ field: "digitalocean.settings", actual: raw.settings, desired: digitalocean.settings });
    }
    const plugin = raw.mysql_settings?.auth_plugin;
    if (digitalocean?.authPlugin !== undefined && digitalocean.authPlugin !== plugin) {
      drift.push({ field: "digitalocean.authPlugin", actual: plugin, desired: digitalocean.authPlugin });
    }
    return { update, drift };
  },
  async update(users, { name, digitalocean }, _fields, options) {
    if (digitalocean?.settings === undefined) return;
    await vendorUsers<DigitalOceanUsers>(users).updateSettings(name, digitalocean.settings, options);
  },
  imported(actual) {
    const raw = rawOf(actual);
    const settings =
      raw.settings !== undefined && Object.keys(raw.settings).length > 0 ? raw.settings : undefined;
    const authPlugin = raw.mysql_settings?.auth_plugin;
    if (settings === undefined && authPlugin === undefined) return {};
    return {
      digitalocean: {
        ...(settings === undefined ? {} : { settings }),
        ...(authPlugin === undefined ? {} : { authPlugin }),
      },
    };
  },
};
