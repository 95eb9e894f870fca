// The indicators read from other capabilities' figure functions (charter, support, meetings), one call per
// group and period. A capability with no rows for the period gives null ("no data"), never 0 invented.
import { charterFigures } from "~/modules/charter/figures.server";
import { meetingFigures } from "~/modules/meetings/figures.server";
import { supportFigures } from "~/modules/support/figures.server";
import type { GroupScope } from "~/modules/access/scope.server";
import type { IndicatorKey } from "./indicators";

type External = { values: Partial<Record<IndicatorKey, number | null>>; denominators: Record<string, number> };
const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : null);

function meetings(scope: GroupScope, from: string, to: string): External {
  const f = meetingFigures({ scope, from, to });
  if (!f.meetingsHeld) return { values: {}, denominators: {} };
  const d = f.decisions;
  return {
    values: {
      meetings_held: f.meetingsHeld,
      meeting_attendance_rate: f.attendanceRate == null ? null : Math.round(f.attendanceRate * 10_000) / 10_000,
      decisions_taken: d.adopted + d.rejected + d.postponed,
      decisions_adopted: d.adopted,
    },
    denominators: { meeting_expected: f.expected, meetings_held: f.meetingsHeld },
  };
}

function charter(scope: GroupScope, at: string): External {
  const f = charterFigures({ scope, at });
  if (!f.versionId) return { values: {}, denominators: {} };
  return {
    values: {
      charter_households_signed_share: ratio(f.householdsSigned, f.households),
      charter_adults_signed_share: ratio(f.adultsSigned, f.adults),
    },
    denominators: { charter_households: f.households, charter_adults: f.adults },
  };
}

function support(scope: GroupScope, from: string, to: string): External {
  const f = supportFigures({ scope, from, to });
  if (!f.householdsFollowed) return { values: {}, denominators: {} };
  return {
    values: {
      support_households_followed: f.householdsFollowed,
      support_persons_followed: f.personsFollowed,
      support_interviews: f.interviews,
      support_median_days: f.medianSupportDays,
      support_aid_euros: f.aidCents / 100,
      support_still_housed_6: f.stillHoused6.yes,
      support_still_housed_12: f.stillHoused12.yes,
    },
    denominators: { support_households_followed: f.householdsFollowed },
  };
}

/** `scope`: the engine's, never a member's own context (a facilitator may not read support figures themselves). */
export function externalFigures({ scope, from, to, today }: { scope: GroupScope; from: string; to: string; today?: string }): External {
  const at = today && today < to ? today : to;
  const parts = [meetings(scope, from, to), charter(scope, at), support(scope, from, to)];
  return { values: Object.assign({}, ...parts.map((p) => p.values)), denominators: Object.assign({}, ...parts.map((p) => p.denominators)) };
}
