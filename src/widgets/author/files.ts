/**
 * Import (.md/.mdx from the file input, or dropped on the editor: always a new draft) and
 * export (.mdx). When the editor finds problems the build would stop on, a modal dialog lists
 * them before the export ("Export anyway" / "Cancel").
 */
import { exportDraft, exportFileName, exportProblems, exportProblemText, exportStatus, readImportedFile } from '../../lib/author/export.ts';
import type { DraftStore } from '../../lib/author/drafts.ts';
import type { Draft, PreviewResult } from '../../lib/author/types.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { downloadText } from '../shared/browser-storage.ts';
import type { AuthorUi } from './ui.ts';

/** What import and export need of the element. */
export interface FilesHost {
  readonly store: DraftStore | null;
  /** The editor's text, or null before the editor exists. */
  text(): string | null;
  /** Renders the text as it is now and returns the result. */
  renderNow(): PreviewResult | null;
  saveNow(): void;
  newDraft(text: string): Draft | null;
  openDraft(id: string, saveFirst?: boolean): void;
}

export class DraftFiles {
  constructor(
    private readonly ui: AuthorUi,
    private readonly host: FilesHost,
  ) {}

  wire(): void {
    const input = this.ui.get<HTMLInputElement>('import');
    input.addEventListener('change', () => {
      const files = input.files;
      if (files && files.length > 0) void this.importFiles(files).finally(() => (input.value = ''));
    });
    this.ui.get('export').addEventListener('click', () => void this.exportFile());
  }

  async importFiles(files: FileList): Promise<void> {
    const file = files[0];
    if (!file || !this.host.store) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = readImportedFile(file.name, bytes);
      if (!result.ok) {
        this.ui.say('file-status', result.message);
        return;
      }
      this.host.saveNow();
      const draft = this.host.newDraft(result.text);
      if (draft) this.host.openDraft(draft.id, false);
      this.ui.sayClear('file-status', `Imported ${file.name} as a new draft.`);
    } catch (error) {
      this.ui.say('file-status', `Could not import ${file.name}: ${errorText(error)}.`);
    }
  }

  /** Exports the draft as .mdx; the status says how many problems the file has. */
  private async exportFile(): Promise<void> {
    if (this.host.text() === null) return;
    try {
      // The problems of the text as it is now, not as of the last pause in typing.
      const result = this.host.renderNow();
      const text = this.host.text() ?? '';
      const problems = exportProblems(result?.diagnostics ?? []);
      if (problems.length > 0 && !(await this.confirmExport(problems.map(exportProblemText)))) {
        this.ui.sayClear('file-status', 'Export cancelled. The problems are listed beside the preview; each one links to its line.');
        return;
      }
      const name = exportFileName(text);
      downloadText(name, exportDraft(text), 'text/markdown;charset=utf-8');
      if (problems.length === 0) this.ui.sayClear('file-status', exportStatus(name, 0));
      else this.ui.say('file-status', exportStatus(name, problems.length));
    } catch (error) {
      this.ui.say('file-status', `Could not export the draft: ${errorText(error)}.`);
    }
  }

  /** Shows the export warning with its list of problems; resolves true for "Export anyway". */
  private confirmExport(problems: readonly string[]): Promise<boolean> {
    const dialog = this.ui.get<HTMLDialogElement>('export-check');
    this.ui.get('export-title').textContent = problems.length === 1 ? 'This draft has a problem' : `This draft has ${problems.length} problems`;
    this.ui.get('export-list').replaceChildren(
      ...problems.map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener(
        'close',
        () => {
          resolve(dialog.returnValue === 'export');
          this.ui.get('export').focus();
        },
        { once: true },
      );
      dialog.showModal();
      this.ui.get('export-cancel').focus();
    });
  }
}
