/**
 * The image chooser shared by the image widgets: a labelled <select> of the sample images, a
 * "Use your own image" file input, drag and drop of an image file onto the widget, and an error
 * line. `imageSourceMarkup` is plain string markup (rendered at build time by the widget's Astro
 * component); `wireImageSource` upgrades it in the browser.
 *
 * Style: import './image-shared.css' (or '../widgets/shared/image/image-shared.css' from an Astro
 * component) next to widget.css.
 *
 * After a reader's file is loaded, the select gains a "Your image: name" option so it always
 * names what is shown; choosing a sample and back again brings the reader's image back.
 * A file that cannot be used leaves the current image in place and explains why.
 */
import { SAMPLE_IMAGE_NAMES, type Img, type SampleImageName } from '../../../lib/image/types.ts';
import { escapeHtml, part } from '../html.ts';
import { ImageLoadError, MAX_FILE_BYTES, loadImageFile, loadSampleImage } from './load.ts';
import { errorText } from '../../../lib/format/error-text.ts';

/** What the select shows for each sample. */
export const SAMPLE_LABELS: Record<SampleImageName, string> = {
  chelsea: 'Chelsea the cat',
  coffee: 'Coffee',
  astronaut: 'Astronaut',
  camera: 'Camera man',
};

/** The select's value for the reader's own image. */
const OWN = 'own';

export function isSampleImageName(value: string | null | undefined): value is SampleImageName {
  return (SAMPLE_IMAGE_NAMES as readonly string[]).includes(value ?? '');
}

/**
 * The chooser's markup. `idPrefix` must be unique on the page (it ties the hint to the controls
 * with aria-describedby); `selected` is the sample shown first.
 */
export function imageSourceMarkup(idPrefix: string, selected: SampleImageName): string {
  const hintId = `${escapeHtml(idPrefix)}-source-hint`;
  const options = SAMPLE_IMAGE_NAMES.map(
    (name) => `<option value="${name}"${name === selected ? ' selected' : ''}>${escapeHtml(SAMPLE_LABELS[name])}</option>`,
  ).join('');
  const limit = Math.round(MAX_FILE_BYTES / (1024 * 1024));
  return `<div class="tk-image-source" data-part="source">
<div class="tk-image-source__controls">
<label class="tk-field"><span class="tk-field__label">Image</span><select data-part="source-sample" aria-describedby="${hintId}">${options}</select></label>
<label class="tk-field tk-image-source__file"><span class="tk-field__label">Use your own image</span><input type="file" accept="image/*" data-part="source-file" aria-describedby="${hintId}"></label>
</div>
<p class="tk-note tk-image-source__hint" id="${hintId}">Or drop an image file onto this box. PNG, JPEG, GIF or WebP up to ${limit} MB; large images are scaled down. Your image stays on your device.</p>
<p class="tk-image-source__error" data-part="source-error" role="alert"></p>
</div>`;
}

export interface ImageInfo {
  /** 'sample' or 'file'. */
  kind: 'sample' | 'file';
  /** The sample's name or the file's name. */
  name: string;
  /** Size before scaling down (equal to the image's size when it was not scaled). */
  original: { width: number; height: number };
}

export interface ImageSourceOptions {
  /** Longer side above which images are scaled down (default 1024). */
  maxSide?: number;
  /** Keep the alpha channel (default false: 3 channels, or 1 for a grey picture). */
  keepAlpha?: boolean;
  /** Called when a load starts (the widget may say "Loading…" and set data-state="loading"). */
  onLoading?: (label: string) => void;
  /** Called when a load failed; the message is already shown in the chooser's error line. */
  onError?: (error: ImageLoadError) => void;
}

export interface ImageSource {
  /** Load the selected sample (or the reader's image) again and call onImage. */
  reload(): void;
}

/**
 * Wire the chooser inside `root` (the widget element): the select, the file input and drops onto
 * `root`. Loads the selected sample at once. `onImage` receives every image that loaded; stale
 * loads (the reader changed their mind meanwhile) are ignored.
 */
export function wireImageSource(
  root: HTMLElement,
  onImage: (img: Img, label: string, info: ImageInfo) => void,
  options: ImageSourceOptions = {},
): ImageSource {
  const select = part<HTMLSelectElement>(root, 'source-sample');
  const fileInput = part<HTMLInputElement>(root, 'source-file');
  const errorLine = part(root, 'source-error');
  const loadOptions = { maxSide: options.maxSide ?? 1024, keepAlpha: options.keepAlpha ?? false };

  let own: { img: Img; label: string; info: ImageInfo } | null = null;
  /** Increases with every load; a finished load that is not the latest is dropped. */
  let ticket = 0;
  /** The select value of the image on show, to go back to when a load fails. */
  let shown: string = select.value;

  const setError = (message: string) => {
    errorLine.textContent = message;
  };

  const fail = (error: unknown, myTicket: number) => {
    if (myTicket !== ticket) return;
    const loadError = error instanceof ImageLoadError ? error : new ImageLoadError(`The image could not be loaded (${errorText(error)}).`);
    setError(loadError.message);
    // Keep the select naming the image that is still on show.
    if (select.querySelector(`option[value="${shown}"]`)) select.value = shown;
    options.onError?.(loadError);
  };

  const loadSample = (name: SampleImageName) => {
    const myTicket = ++ticket;
    const label = SAMPLE_LABELS[name];
    options.onLoading?.(label);
    loadSampleImage(name, loadOptions).then(
      (img) => {
        if (myTicket !== ticket) return;
        setError('');
        shown = name;
        onImage(img, label, { kind: 'sample', name, original: { width: img.width, height: img.height } });
      },
      (error: unknown) => fail(error, myTicket),
    );
  };

  const showOwn = () => {
    if (!own) return;
    ticket++;
    setError('');
    shown = OWN;
    onImage(own.img, own.label, own.info);
  };

  const loadFile = (file: File) => {
    const myTicket = ++ticket;
    options.onLoading?.(file.name);
    loadImageFile(file, loadOptions).then(
      ({ img, original }) => {
        if (myTicket !== ticket) return;
        const label = file.name || 'Your image';
        own = { img, label, info: { kind: 'file', name: file.name, original } };
        let option = select.querySelector<HTMLOptionElement>(`option[value="${OWN}"]`);
        if (!option) {
          option = document.createElement('option');
          option.value = OWN;
          select.append(option);
        }
        option.textContent = `Your image: ${label}`;
        select.value = OWN;
        showOwn();
      },
      (error: unknown) => fail(error, myTicket),
    );
  };

  const loadSelected = () => {
    const value = select.value;
    if (value === OWN) showOwn();
    else if (isSampleImageName(value)) loadSample(value);
  };

  select.addEventListener('change', loadSelected);
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    // Clear the input so choosing the same file again still fires a change.
    if (file) loadFile(file);
    fileInput.value = '';
  });

  // Drag and drop onto the whole widget, with a visible highlight while a file is over it.
  let depth = 0;
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const highlight = (on: boolean) => root.classList.toggle('tk-drop-active', on);
  root.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    highlight(true);
  });
  root.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  root.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) highlight(false);
  });
  root.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    highlight(false);
    const file = event.dataTransfer?.files[0];
    if (file) loadFile(file);
  });

  loadSelected();
  return { reload: loadSelected };
}
