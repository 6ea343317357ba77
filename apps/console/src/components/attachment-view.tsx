import type { Attachment } from '@parley/protocol';
import { attachmentUrl, formatSize } from '../attachments/upload-attachment';

/** A message's file: images previewed (the relay serves them inline, sandboxed), anything else a download. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const url = attachmentUrl(attachment.id);
  if (attachment.type.startsWith('image/')) {
    return (
      <a class="attachment" href={url} target="_blank" rel="noopener noreferrer">
        <img class="attachment-preview" src={url} alt={attachment.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a class="attachment" href={url} download={attachment.name}>
      📎 {attachment.name} <span class="attachment-size">({formatSize(attachment.size)})</span>
    </a>
  );
}
