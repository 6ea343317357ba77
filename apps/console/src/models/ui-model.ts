import { signal, type ReadonlySignal } from '@preact/signals';

/** The console's one modal surface at a time: dialogs opened by buttons, shortcuts or the palette. */
export type Dialog = 'palette' | 'help' | 'transfer' | 'snooze' | 'business-hours' | 'team' | null;

export interface UiModel {
  readonly dialog: ReadonlySignal<Dialog>;
  /** Bumped to ask the composer to take focus (it watches the number, so asking twice works). */
  readonly composerFocus: ReadonlySignal<number>;
  open(dialog: Exclude<Dialog, null>): void;
  close(): void;
  focusComposer(): void;
}

export function createUiModel(): UiModel {
  const dialog = signal<Dialog>(null);
  const composerFocus = signal(0);
  return {
    dialog,
    composerFocus,
    open(next) {
      dialog.value = next;
    },
    close() {
      dialog.value = null;
    },
    focusComposer() {
      dialog.value = null;
      composerFocus.value++;
    },
  };
}
