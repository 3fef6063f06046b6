import { customType } from 'drizzle-orm/pg-core';

/** A stored full-text vector, filled by a trigger (see the search migration), never written by the app. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});
