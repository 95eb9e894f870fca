// What a member of the group sees of a person (issue 16, decision 014): pure and client-safe, so the one rule
// is tested on its own. The household itself and the staff roles see everything; other residents see the
// birth year and the special-category tags only as far as the person chose to show them.
import { SENSITIVE_PROFILE_TAGS, type BirthYearVisibility, type ProfileTag } from "~db/schema/enums";
import { evaluationAgeBand, type EvaluationAgeBand } from "~/modules/evaluation/indicators";

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
