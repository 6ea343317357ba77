/**
 * The composer's file button for agents, and the handler it shares with drop and paste: each file
 * is uploaded into the conversation; a refusal (type, size) is shown with the relay's words.
 */
import { useRef, useState } from 'preact/hooks';
import { uploadAttachment } from '../attachments/upload-attachment';

export function useAttachmentUpload(conversationId: string) {
  const [error, setError] = useState<string | null>(null);
  const upload = async (files: FileList | null | undefined) => {
    for (const file of Array.from(files ?? [])) {
      const result = await uploadAttachment(conversationId, file);
      setError(result.ok ? null : result.error.message);
    }
  };
  return { error, upload };
}

export function AttachButton({ onFiles }: { onFiles: (files: FileList | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="attach-button" aria-label="Attach a file" title="Attach a file (or drop or paste it)" onClick={() => input.current?.click()}>
        📎
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept="image/*,application/pdf"
        onChange={(event) => {
          onFiles(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}
