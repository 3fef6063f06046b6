/** Builds dist/ from src/ unless it is newer than every source file; false when no bundle can be made. */
export function ensureBuilt(root: string): Promise<boolean>;
