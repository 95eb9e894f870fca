// The pure rules of households, client-safe: the problems its writes refuse with (decision 017), and what a
// member of the group sees of a person (issue 16, decision 014). The household itself and the staff roles
// see everything; other residents see the birth year and the special-category tags only as far as the
// person chose to show them.
import { SENSITIVE_PROFILE_TAGS, type BirthYearVisibility, type ProfileTag } from "~db/schema/enums";
import type { Translate } from "~/modules/core/form-reply";
import { problemOf, type Problem as CoreProblem, type Result as CoreResult } from "~/modules/core/result";
import { evaluationAgeBand, type EvaluationAgeBand } from "~/modules/evaluation/indicators";

// -------------------------------------------------------------------------------------------------
// Problems

export type ProblemCode = "departure_before_arrival";
export type HouseholdField = "arrivalDate" | "departureDate";
/** A refused household write; its words are the common namespace's `errors.` (shared with the schemas). */
export type Problem = CoreProblem<ProblemCode, HouseholdField>;
/** A write's answer in households: the core Result with this module's problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
const problem = (code: ProblemCode, field: HouseholdField | null = null): Problem => problemOf(code, field);

/** A household problem in the person's words. */
export function describeProblem(t: Translate, p: Problem): string {
  return t(`errors.${p.code}`, p.params);
}

/** A departure never comes before the arrival (the same day is a stay of no night). */
export function ruleDates({ arrivalDate, departureDate }: { arrivalDate: string; departureDate: string | null }, field: HouseholdField): Problem[] {
  return departureDate && departureDate < arrivalDate ? [problem("departure_before_arrival", field)] : [];
}

// -------------------------------------------------------------------------------------------------
// What a member sees of a person

export type AgeBand = EvaluationAgeBand;

function isSensitiveTag(tag: ProfileTag): boolean {
  return (SENSITIVE_PROFILE_TAGS as readonly ProfileTag[]).includes(tag);
}

type PersonFacts = { birthYear: number | null; tags: ProfileTag[]; birthYearVisibility: BirthYearVisibility; sensitiveTagsVisible: boolean };

/**
 * The person as a viewer sees them. `full`: the household itself, facilitators, admins and support workers.
 * Anyone else gets the birth year only if shown as such, an age band (same bands as the funders' figures) if
 * the person chose that, and the tags without the special-category ones unless the person chose to show them.
 */
export function personAsSeen(
  person: PersonFacts,
  { full, year }: { full: boolean; year: number },
): { birthYear: number | null; ageBand: AgeBand | null; tags: ProfileTag[] } {
  if (full) return { birthYear: person.birthYear, ageBand: null, tags: person.tags };
  return {
    birthYear: person.birthYearVisibility === "year" ? person.birthYear : null,
    ageBand: person.birthYearVisibility === "age_band" ? evaluationAgeBand(person.birthYear, year) : null,
    tags: person.sensitiveTagsVisible ? person.tags : person.tags.filter((t) => !isSensitiveTag(t)),
  };
}
