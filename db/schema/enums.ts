// Value lists shared by the schema and the client-safe form schemas: no drizzle import here,
// so the browser bundle never pulls the database layer.
export const ORGANISATION_KINDS = ["association", "funder"] as const;
export const GROUP_KINDS = ["participatory", "intergenerational", "transitional", "supported"] as const;
// support_worker: association staff accompanying households (issue 7); the only role that reads support records.
export const ROLES = ["resident", "facilitator", "group_admin", "support_worker"] as const;
export type Role = (typeof ROLES)[number];

export const DESTINATIONS = ["durable_social_housing", "private_housing", "other_group", "temporary_accommodation", "family", "unknown"] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const PROFILE_TAGS = ["young_adult_insertion", "single_parent_family", "senior", "disability", "student", "child"] as const;
export type ProfileTag = (typeof PROFILE_TAGS)[number];
/**
 * Tags that are special-category data (GDPR art. 9: health, disability) or tell of social support (insertion):
 * shown to the household itself and to facilitators, admins and support workers; to other residents only if the
 * person chose to (decision 014).
 */
export const SENSITIVE_PROFILE_TAGS = ["disability", "young_adult_insertion"] as const satisfies readonly ProfileTag[];
/** What the group's residents see of a person's birth year: nothing (the default), an age band, or the year. */
export const BIRTH_YEAR_VISIBILITIES = ["hidden", "age_band", "year"] as const;
export type BirthYearVisibility = (typeof BIRTH_YEAR_VISIBILITIES)[number];

export const SPACE_KINDS = ["common_room", "guest_unit", "equipment", "outdoor"] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

export const BOOKING_STATUSES = ["requested", "confirmed", "declined", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** The states that hold a slot: two of them can never overlap in one space (buffer included). */
export const ACTIVE_BOOKING_STATUSES = ["requested", "confirmed"] as const satisfies readonly BookingStatus[];

export const FEED_SCOPES = ["space", "household"] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export const RECURRENCE_FREQS = ["none", "weekly", "biweekly", "monthly"] as const;

// Shared meals, workshops, meetings and the group calendar (events).
export const EVENT_KINDS = ["shared_meal", "workshop", "celebration", "meeting", "other"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** How an event repeats: the form's choice, stored as an RRULE (see events/rules.ts rruleFor). */
export const EVENT_REPEATS = ["none", "weekly", "biweekly", "monthly_weekday", "monthly_day"] as const;
export type EventRepeat = (typeof EVENT_REPEATS)[number];

export const OCCURRENCE_STATUSES = ["scheduled", "cancelled"] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

export const SIGNUP_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
/** The states that hold a household's sign-up: one of them per household and occurrence at most. */
export const ACTIVE_SIGNUP_STATUSES = ["confirmed", "waitlisted"] as const satisfies readonly SignupStatus[];

export const MEAL_ROLES = ["head_cook", "helper", "cleaner"] as const;
export type MealRole = (typeof MEAL_ROLES)[number];

export const DIETS = ["vegetarian", "vegan", "no_pork", "halal", "gluten_free"] as const;
export type Diet = (typeof DIETS)[number];

/** A closed meal's lines in the meal ledger: what a household paid (+) and what it ate (−). */
export const LEDGER_KINDS = ["paid", "eaten"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const EVENT_FEED_SCOPES = ["group", "household"] as const;
export type EventFeedScope = (typeof EVENT_FEED_SCOPES)[number];

/** A calendar feed's kind (one table, calendar_feeds): a space's or a household's bookings (scope FEED_SCOPES), or
 *  the group's calendar of events or a household's (scope EVENT_FEED_SCOPES). */
export const FEED_KINDS = ["bookings", "events"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];
export const ALL_FEED_SCOPES = [...FEED_SCOPES, "group"] as const;

// Skill exchange (échange de savoirs et de services) and the time bank.
export const EXCHANGE_POST_KINDS = ["offer", "request"] as const;
export type ExchangePostKind = (typeof EXCHANGE_POST_KINDS)[number];

export const EXCHANGE_CATEGORIES = [
  "childcare",
  "homework_help",
  "cooking",
  "diy_repairs",
  "gardening",
  "digital_help",
  "paperwork",
  "languages",
  "errands_transport",
  "company_visits",
  "cleaning",
  "other",
] as const;
export type ExchangeCategory = (typeof EXCHANGE_CATEGORIES)[number];
/** Categories that are care for someone: an adult giver, and possibly approved carers only. */
export const CARE_CATEGORIES = ["childcare", "company_visits"] as const satisfies readonly ExchangeCategory[];

export const EXCHANGE_POST_STATUSES = ["active", "paused", "closed"] as const;
export type ExchangePostStatus = (typeof EXCHANGE_POST_STATUSES)[number];

export const EXCHANGE_STATUSES = ["proposed", "agreed", "done", "cancelled", "disputed"] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];
/** The states of an exchange still under way. */
export const OPEN_EXCHANGE_STATUSES = ["proposed", "agreed", "disputed"] as const satisfies readonly ExchangeStatus[];

// Evaluation (issue 8): a group's co-funders, and the period reports.
export const FUNDER_KINDS = ["state", "local_authority", "eu", "foundation", "landlord", "other"] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];
export const REPORT_STATUSES = ["draft", "submitted"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
