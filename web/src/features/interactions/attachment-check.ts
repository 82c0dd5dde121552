// The same list the server enforces (attachment-rules.ts); checked here too so the user hears at once.
export const ATTACHMENT_EXTENSIONS = [
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'bmp',
  'heic',
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'zip',
  'txt',
  'csv',
];
export const ATTACHMENT_MAX_MB = 20;

export type AttachmentProblem = 'tooLarge' | 'type' | null;

export function attachmentProblem(
  file: { name: string; size: number },
  maxMb = ATTACHMENT_MAX_MB,
): AttachmentProblem {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (!ext || !ATTACHMENT_EXTENSIONS.includes(ext)) return 'type';
  if (file.size > maxMb * 1024 * 1024) return 'tooLarge';
  return null;
}
