// Who may do what inside a group. The one table of permissions; the server checks it with can()/requirePermission(),
// the UI only uses it to hide what a person cannot do.
import type { Role } from "~db/schema/enums";

// Each staff role is built from the one below it plus its own extras, never a repeated list:
// a facilitator is a resident who runs the group, a group_admin a facilitator who also administers it
// (tests/unit/permissions.test.ts checks the inclusions).
const RESIDENT = [
  "directory:read",
  "household:read",
  "household:update:own",
  "group:read",
  "booking:create",
  "signup:own",
  "exchange:use",
  // Charter and meetings (issue 6)
  "charter:read",
  "charter:sign",
  "charter:comment",
  "meeting:read",
  "meeting:propose",
  // Evaluation (issue 8): every member may answer the group's survey; answers are anonymous.
  "survey:answer",
] as const;

const FACILITATOR = [
  ...RESIDENT,
  "household:update:any",
  "household:create",
  "household:depart",
  // Special-category data and birth years of every household (issue 16): see households/rules.ts.
  "household:read:sensitive",
  "member:invite",
  "audit:read",
  "space:manage",
  "booking:approve",
  "booking:cancel:any",
  "event:create",
  "event:manage",
  "signup:any",
  "meal:cost",
  // Every household's meal balance by name; other members see their own and the group's totals (issue 16).
  // There is no treasurer role yet: when one comes, it gets this permission.
  "meal_balance:read:any",
  "exchange:settle",
  "charter:manage",
  "charter:record_paper",
  "meeting:manage",
  "report:write",
  "survey:manage",
  "funding:manage",
] as const;

export const PERMISSIONS = {
  resident: RESIDENT,
  facilitator: FACILITATOR,
  group_admin: [
    ...FACILITATOR,
    // Its own: invite other admins and support workers, change the group itself.
    "member:invite:admin",
    "group:update",
  ],
  // Association staff: they see the group's life, and alone read and write support records (issue 7).
  support_worker: [
    "directory:read",
    "household:read",
    // Their work needs the disability and insertion tags of the households they support (PRODUCT: support worker).
    "household:read:sensitive",
    "group:read",
    "charter:read",
    "meeting:read",
    "support:read",
    "support:write",
  ],
} as const satisfies Record<Role, readonly string[]>;

export type Permission = (typeof PERMISSIONS)[Role][number];

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[role] as readonly string[]).includes(permission);
}

/** Roles a person with `role` may give in an invitation. */
export function invitableRoles(role: Role): Role[] {
  if (role === "group_admin") return ["resident", "facilitator", "group_admin", "support_worker"];
  if (role === "facilitator") return ["resident", "facilitator"];
  return [];
}
