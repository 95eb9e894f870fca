// Column helpers shared by every capability's schema.
// Instants are integer epoch milliseconds (UTC); calendar dates (arrival, birth) are 'YYYY-MM-DD' text.
import { integer, text } from "drizzle-orm/sqlite-core";
import { newId } from "../../app/modules/core/ids";

export const id = () => text("id").primaryKey().$defaultFn(newId);
export const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());
export const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());
