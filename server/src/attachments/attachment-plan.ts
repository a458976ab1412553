/**
 * Which intake field a mail's file serves, and which files are kept under the size limits
 * (ISSUE 4 §2): images are screenshots, archives and logs are error logs, video is video;
 * anything else is an attachment. Pure: the intake stores what this decides.
 */
export interface IncomingFile {
  filename: string;
  contentType: string;
  size: number;
}

export interface AttachmentLimits {
  /** Largest file kept, in bytes. */
  maxAttachmentBytes: number;
  /** Largest total of one message's kept files, in bytes. */
  maxMessageBytes: number;
}

export type AttachmentField = 'screenshots' | 'errorLogs' | 'video' | 'attachments';

export interface PlannedFile<F extends IncomingFile> {
  file: F;
  field: AttachmentField;
  /** Why the content is not kept; null when it is. */
  skippedReason: string | null;
}

const archive = /\.(zip|rar|7z|gz|tgz|tar|bz2|xz|log)$/i;
const archiveTypes = /^application\/(zip|x-zip-compressed|x-rar-compressed|vnd\.rar|x-7z-compressed|gzip|x-gzip|x-tar|x-bzip2|x-xz)$/i;
const videoNames = /\.(mp4|avi|mov|mkv|webm|wmv|flv|3gp)$/i;
const imageNames = /\.(png|jpe?g|gif|bmp|webp|tiff?)$/i;

export function fieldOf(file: IncomingFile): AttachmentField {
  const type = file.contentType.toLowerCase();
  if (type.startsWith('image/') || imageNames.test(file.filename)) return 'screenshots';
  if (type.startsWith('video/') || videoNames.test(file.filename)) return 'video';
  if (archiveTypes.test(type) || archive.test(file.filename)) return 'errorLogs';
  return 'attachments';
}

export function planAttachments<F extends IncomingFile>(files: F[], limits: AttachmentLimits): Array<PlannedFile<F>> {
  let total = 0;
  return files.map((file) => {
    const field = fieldOf(file);
    if (file.size > limits.maxAttachmentBytes) {
      return { file, field, skippedReason: `not kept: ${megabytes(file.size)} is over the ${megabytes(limits.maxAttachmentBytes)} limit per file` };
    }
    if (total + file.size > limits.maxMessageBytes) {
      return { file, field, skippedReason: `not kept: the message's files exceed the ${megabytes(limits.maxMessageBytes)} limit per message` };
    }
    total += file.size;
    return { file, field, skippedReason: null };
  });
}

/** The names per intake field, added to what the ticket already lists (no name twice). */
export function attachmentFields(planned: Array<PlannedFile<IncomingFile>>, existing: Record<string, unknown> = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { file, field } of planned) {
    const before = out[field] ?? (Array.isArray(existing[field]) ? (existing[field] as unknown[]).map(String) : []);
    out[field] = before.includes(file.filename) ? before : [...before, file.filename];
  }
  return out;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
