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

export const SPACE_KINDS = ["common_room", "guest_unit", "equipment", "outdoor"] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

export const BOOKING_STATUSES = ["requested", "confirmed", "declined", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** The states that hold a slot: two of them can never overlap in one space (buffer included). */
export const ACTIVE_BOOKING_STATUSES = ["requested", "confirmed"] as const satisfies readonly BookingStatus[];

export const FEED_SCOPES = ["space", "household"] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export const RECURRENCE_FREQS = ["none", "weekly", "biweekly", "monthly"] as const;
export type RecurrenceFreq = (typeof RECURRENCE_FREQS)[number];
