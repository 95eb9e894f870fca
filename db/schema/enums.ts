// Value lists shared by the schema and the client-safe form schemas: no drizzle import here,
// so the browser bundle never pulls the database layer.
export const ORGANISATION_KINDS = ["association", "funder"] as const;
export const GROUP_KINDS = ["participatory", "intergenerational", "transitional", "supported"] as const;
export const ROLES = ["resident", "facilitator", "group_admin"] as const;
export type Role = (typeof ROLES)[number];

export const DESTINATIONS = [
  "durable_social_housing",
  "private_housing",
  "other_group",
  "temporary_accommodation",
  "family",
  "unknown",
] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const PROFILE_TAGS = [
  "young_adult_insertion",
  "single_parent_family",
  "senior",
  "disability",
  "student",
  "child",
] as const;
export type ProfileTag = (typeof PROFILE_TAGS)[number];
