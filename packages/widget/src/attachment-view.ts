/**
 * Files in the chat: a message's file (an image shown in the log, anything else a download link)
 * and the composer's attach button. Dropping and pasting are wired on the panel and the text box.
 */
import type { Attachment } from '@parley/protocol';
import { html } from 'lit';
import type { FileTransfer } from './file-transfer';

export function renderAttachment(attachment: Attachment, files: FileTransfer | null) {
  const url = files?.url(attachment.id) ?? '';
  return html`<a class="body" href=${url} download=${attachment.name}
    >${url && attachment.type.startsWith('image/') ? html`<img src=${url} alt=${attachment.name} />` : attachment.name}</a
  >`;
}

/**
 * 📎 opens the file picker, which stays out of sight and out of the tab order. The emoji is the
 * button's accessible name ("paperclip"), the attach icon in every language: nothing to translate.
 */
export function renderAttach(send: (files: FileList) => void) {
  return html`<button part="attach" type="button" @click=${(event: Event) => ((event.target as HTMLElement).nextElementSibling as HTMLInputElement).click()}>
      📎</button
    ><input type="file" hidden accept="image/*,application/pdf" @change=${(event: Event) => send((event.target as HTMLInputElement).files!)} />`;
}

/** The files of a drop or paste, if it carries any. */
export function filesOf(transfer: DataTransfer | null): FileList | null {
  return transfer?.files.length ? transfer.files : null;
}
