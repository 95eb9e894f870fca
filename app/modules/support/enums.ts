// Value lists of support follow-up (issue 7), shared by db/schema/support.ts and the client-safe form
// schemas: no drizzle import here, so the browser bundle never pulls the database layer.

/** Goals of a support episode and topics of an action: one list, so figures can cross them. */
export const SUPPORT_TOPICS = ["housing", "work_training", "health", "schooling", "rights_papers", "budget", "language", "social_ties"] as const;
export type Topic = (typeof SUPPORT_TOPICS)[number];

/** Where the household lived when the support started. */
export const ENTRY_SITUATIONS = ["street", "slum_squat", "hotel", "shelter", "hosted_family", "own_housing"] as const;
export type EntrySituation = (typeof ENTRY_SITUATIONS)[number];

/** How a support episode ended. */
export const EPISODE_OUTCOMES = ["goals_met", "partly_met", "household_left", "ended_by_household", "handed_over"] as const;

export const ACTION_KINDS = ["individual_interview", "home_visit", "office_hours", "collective_workshop", "accompaniment", "referral"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const AID_SOURCES = ["caf", "fsl", "ccas", "departement", "association", "other"] as const;
export type AidSource = (typeof AID_SOURCES)[number];

export const RIGHTS = ["health_cover", "housing_benefit", "postal_address", "identity_document"] as const;
export type Right = (typeof RIGHTS)[number];

export const PARTNER_FIELDS = ["addiction", "mediation", "parenting", "health", "employment", "housing", "legal", "other"] as const;
export type Field = (typeof PARTNER_FIELDS)[number];

/** A referral moves sent → taken_up → closed, or sent → closed (never taken up). */
export const REFERRAL_STATUSES = ["sent", "taken_up", "closed"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What came of a closed referral. */
export const REFERRAL_OUTCOMES = ["resolved", "ongoing_with_partner", "not_taken_up", "refused", "redirected"] as const;
export type OutcomeKind = (typeof REFERRAL_OUTCOMES)[number];

export const HOUSED_ANSWERS = ["yes", "no", "unknown"] as const;
export type HousedAnswer = (typeof HOUSED_ANSWERS)[number];

/** Follow-up checks after a departure, in months. */
export const CHECK_MILESTONES = [6, 12] as const;
export type CheckMilestone = (typeof CHECK_MILESTONES)[number];

/** What a row of the access log says was read. */
export const ACCESS_WHAT = ["overview", "household_file", "action_list", "referral", "household_view"] as const;
export type AccessWhat = (typeof ACCESS_WHAT)[number];
