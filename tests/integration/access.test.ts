import { describe, expect, it } from "vitest";
import { can, requireMember, requireOperator } from "~/modules/access/access.server";
import { makeGroup, makeHousehold, makeMember, requestAs, thrownResponse } from "../fixtures";

const groupA = makeGroup("Les Tilleuls");
const groupB = makeGroup("Villa Passerelle");
const residentA = makeMember({ groupId: groupA.id, householdId: makeHousehold(groupA.id).id });
const residentB = makeMember({ groupId: groupB.id, householdId: makeHousehold(groupB.id).id });

describe("requireMember", () => {
  it("gives the member's context in their own group", () => {
    const ctx = requireMember(requestAs(residentA.id), { groupId: groupA.id });
    expect(ctx).toMatchObject({ userId: residentA.id, groupId: groupA.id, role: "resident" });
    expect(ctx.householdId).toBeTruthy();
  });
  it("answers 404, not 403, for another group and for a group that does not exist", () => {
    expect(thrownResponse(() => requireMember(requestAs(residentB.id), { groupId: groupA.id })).status).toBe(404);
    expect(thrownResponse(() => requireMember(requestAs(residentB.id), { groupId: "nexistepas" })).status).toBe(404);
  });
  it("sends someone not logged in to the login page, with the way back", () => {
    const r = thrownResponse(() => requireMember(requestAs(null, `http://localhost/g/${groupA.id}/households.data`), { groupId: groupA.id }));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/g/${groupA.id}/households`)}`);
  });
  it("treats an unknown session token as logged out", () => {
    const req = new Request("http://localhost/", { headers: { Cookie: "session=forged-token" } });
    expect(thrownResponse(() => requireMember(req, { groupId: groupA.id })).status).toBe(302);
  });
});

describe("permissions", () => {
  it("lets facilitators, not residents, manage households and invite", () => {
    const facilitator = makeMember({ groupId: groupA.id, role: "facilitator" });
    const f = requireMember(requestAs(facilitator.id), { groupId: groupA.id });
    const r = requireMember(requestAs(residentA.id), { groupId: groupA.id });
    expect(can(f, "household:create")).toBe(true);
    expect(can(f, "member:invite")).toBe(true);
    expect(can(r, "household:create")).toBe(false);
    expect(can(r, "member:invite")).toBe(false);
    expect(can(r, "household:update:own")).toBe(true);
  });
  it("keeps the administration to operators (404 for others)", () => {
    expect(thrownResponse(() => requireOperator(requestAs(residentA.id))).status).toBe(404);
  });
});
