// Client-safe schemas of the charter forms; messages are i18n keys ("errors.*" from common,
// "charter:errors.*" from this capability). Rules only the server can check (state of the version, who may
// act, adoption dates, adults) come back from the charter module as problems.
import { z } from "zod";
import { isCalendarDate } from "~/modules/core/dates";

const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");
const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");
const id = z.string({ error: "errors.invalid" }).trim().min(1, "errors.invalid").max(64, "errors.invalid");

const MAX_ARTICLE_LENGTH = 10_000;

const ArticleSchema = z.object({
  title: text(160),
  body: z.string().max(MAX_ARTICLE_LENGTH, "errors.too_long").optional().default(""),
});

/** The draft editor's forms: one per button, told apart by `intent`. */
export const EditActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("title"), title: text(160) }),
  z.object({ intent: z.literal("add"), title: text(160), body: ArticleSchema.shape.body }),
  z.object({ intent: z.literal("save"), articleId: id, title: text(160), body: ArticleSchema.shape.body }),
  z.object({ intent: z.literal("remove"), articleId: id }),
  z.object({ intent: z.literal("up"), articleId: id }),
  z.object({ intent: z.literal("down"), articleId: id }),
]);
export type EditActionInput = z.infer<typeof EditActionSchema>;

/** The version page's forms. */
export const VersionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose") }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("delete") }),
  z.object({ intent: z.literal("adopt"), adoptedOn: calendarDate }),
  z.object({
    intent: z.literal("comment"),
    articleKey: z.string().trim().max(64, "errors.invalid").optional().default(""),
    /** Facilitators only: the resident whose words they note (said at a meeting, written on paper). */
    personId: z.string().trim().max(64, "errors.invalid").optional().default(""),
    body: text(2000),
  }),
]);
export type VersionActionInput = z.infer<typeof VersionActionSchema>;

export const PaperSignatureSchema = z.object({
  personId: id,
  signedOn: calendarDate,
});
export type PaperSignatureInput = z.infer<typeof PaperSignatureSchema>;

/** The comparison's two selects (a GET form: works without JavaScript). Unknown values are dropped. */
export const CompareQuerySchema = z.object({
  from: z.string().trim().max(64).optional().catch(undefined),
  to: z.string().trim().max(64).optional().catch(undefined),
});
