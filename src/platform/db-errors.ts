/** Whether a write failed on a unique constraint (SQLSTATE 23505), e.g. when two requests race for one name. */
export function isUniqueViolation(error: unknown): boolean {
  // node-postgres and PGlite both expose the SQLSTATE as `code`; drizzle may wrap it in `cause`.
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
