// The one failure contract of the modules (decision 017).
//
// A rule that refuses returns problems; it never throws for a user's mistake. A problem names a code (an
// i18n key under the module's `errors.` namespace), the form field it belongs to (null: the whole form)
// and the values its message needs. Routes turn problems into a Conform reply with one helper
// (`replyWithProblems` in form-reply.server.ts). What is not a user's mistake — the thing does not exist
// in this group, or this person may not do it — is thrown as a typed error (access/errors.ts), answered
// 404 / 403 in one place.

export type ProblemParams = Record<string, string | number>;

export type Problem<Code extends string = string, Field extends string = string> = {
  code: Code;
  field: Field | null;
  params: ProblemParams;
};

/** A write's answer: `{ ok: true, ...value }` or the problems that refused it (nothing written). */
export type Result<T extends object = object, P extends Problem = Problem> = ({ ok: true } & T) | { ok: false; problems: P[] };

export function problemOf<Code extends string, Field extends string = string>(
  code: Code,
  field: Field | null = null,
  params: ProblemParams = {},
): Problem<Code, Field> {
  return { code, field, params };
}

export function refuse<P extends Problem>(...problems: P[]): { ok: false; problems: P[] } {
  return { ok: false, problems };
}
