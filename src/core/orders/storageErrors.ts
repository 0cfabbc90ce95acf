/**
 * A failure of this computer's storage (the journal or lease folder), as opposed to an
 * answer from OVH: Node's file-system errors carry the system call that failed.
 */
export function isStorageError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' && typeof (error as NodeJS.ErrnoException).code === 'string';
}
