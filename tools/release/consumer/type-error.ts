// The deliberate mistake: tools/test/release.test.ts asserts that `tsc --noEmit` reports exactly this
// error, at this line, which proves the consumer check can fail (the packages' types did resolve, and a
// password is a Secret, not a string).
import type { DigitalOceanUsers } from "@dbusers/client-digitalocean";

export async function leak(users: DigitalOceanUsers): Promise<string> {
  const { password } = await users.create({ name: "oops" });
  const plain: string = password; // TYPE-ERROR: Secret is not assignable to string
  return plain;
}
