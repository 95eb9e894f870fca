// The permission table: each staff role holds every right of the role it is built from (issue 15).
import { describe, expect, it } from "vitest";
import { PERMISSIONS, roleCan } from "~/modules/access/permissions";

describe("permissions", () => {
  it("group_admin has every facilitator permission, and its own extras", () => {
    for (const p of PERMISSIONS.facilitator) expect(roleCan("group_admin", p), p).toBe(true);
    expect(roleCan("group_admin", "member:invite:admin")).toBe(true);
    expect(roleCan("group_admin", "group:update")).toBe(true);
    expect(roleCan("facilitator", "group:update")).toBe(false);
  });

  it("a facilitator has every resident permission", () => {
    for (const p of PERMISSIONS.resident) expect(roleCan("facilitator", p), p).toBe(true);
  });

  it("no role lists a permission twice", () => {
    for (const [role, list] of Object.entries(PERMISSIONS)) expect(new Set(list).size, role).toBe(list.length);
  });
});
