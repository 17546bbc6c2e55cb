// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { progressMarkup } from './progress.ts';
import { runControlsMarkup } from './run-controls.ts';
import { REMOVED_STATUS, STOPPED_EARLY_STATUS, TrainerLifecycle, type TrainerState } from './trainer.ts';

const MARKUP = `<fieldset data-part="settings"><select name="epochs"><option>1</option></select></fieldset>
${runControlsMarkup('Ready')}${progressMarkup()}<div data-part="error" hidden></div>`;

class Handle {
  stop = vi.fn();
  released = 0;
}

function setup() {
  const host = document.createElement('div');
  host.innerHTML = MARKUP;
  document.body.append(host);
  const states: TrainerState[] = [];
  const onStart = vi.fn();
  const life = new TrainerLifecycle<Handle>(host, {
    onStart,
    release: (h) => h.released++,
    stoppingText: 'Stopping after this batch…',
    onState: (s) => states.push(s),
  });
  const q = <T extends HTMLElement = HTMLElement>(name: string) => host.querySelector<T>(`[data-part="${name}"]`)!;
  return { host, life, states, onStart, q, status: () => q('status').textContent };
}

beforeEach(() => document.body.replaceChildren());

describe('TrainerLifecycle', () => {
  it('starts idle, reflects every state in data-state and wires Start and Stop', () => {
    const { host, life, onStart, q } = setup();
    expect(host.dataset.state).toBe('idle');
    expect(q('status').getAttribute('role')).toBe('status');
    q<HTMLButtonElement>('start').click();
    expect(onStart).toHaveBeenCalledOnce();
    const id = life.begin();
    expect(id).not.toBeNull();
    expect(host.dataset.state).toBe('loading');
    expect(q<HTMLButtonElement>('stop').disabled).toBe(false);
    expect(q<HTMLFieldSetElement>('settings').disabled).toBe(true);
    life.running();
    expect(host.dataset.state).toBe('running');
  });

  it('refuses a second start while a run is going', () => {
    const { life } = setup();
    expect(life.begin()).toBe(1);
    expect(life.begin()).toBeNull();
  });

  it('stops a run before its worker starts and ignores that run afterwards', async () => {
    const { host, life, status, q } = setup();
    const id = life.begin()!;
    let resolve!: (v: string) => void;
    const loading = life.load(
      id,
      () => new Promise<string>((r) => (resolve = r)),
      () => {},
    );
    q<HTMLButtonElement>('stop').click();
    expect(host.dataset.state).toBe('idle');
    expect(status()).toBe(STOPPED_EARLY_STATUS);
    expect(q('progress').hidden).toBe(true);
    resolve('modules');
    expect(await loading).toBeNull();
    const heard = vi.fn();
    life.listen(id, heard)('late');
    expect(heard).not.toHaveBeenCalled();
  });

  it('asks a started run to stop, then finishes it as idle', () => {
    const { host, life, status } = setup();
    const id = life.begin()!;
    const handle = new Handle();
    const heard = vi.fn();
    const deliver = life.listen(id, heard);
    life.attach(handle);
    life.running();
    life.stop();
    expect(handle.stop).toHaveBeenCalledOnce();
    expect(life.stopping).toBe(true);
    expect(status()).toBe('Stopping after this batch…');
    deliver('done');
    expect(heard).toHaveBeenCalledWith('done');
    life.finish('Stopped after 1 epoch', 'idle');
    expect(host.dataset.state).toBe('idle');
    expect(handle.released).toBe(1);
    expect(life.handle).toBeNull();
    expect(host.querySelector('[data-part="start"]')!.textContent).toBe('Train again');
  });

  it('finishes a run as done and a new run starts fresh', () => {
    const { host, life, status } = setup();
    life.begin();
    life.attach(new Handle());
    life.finish('Test accuracy 92.0% after 1 epoch', 'done');
    expect(host.dataset.state).toBe('done');
    expect(status()).toBe('Test accuracy 92.0% after 1 epoch');
    expect(life.begin()).toBe(2);
    expect(life.stopping).toBe(false);
  });

  it('fails: the error is said and shown, the handle freed, later messages ignored', () => {
    const { host, life, status, q } = setup();
    const id = life.begin()!;
    const handle = new Handle();
    life.attach(handle);
    const heard = vi.fn();
    const deliver = life.listen(id, heard);
    life.fail({ title: 'Training failed', message: 'Out of memory.', hint: 'Try fewer images.' });
    expect(host.dataset.state).toBe('error');
    expect(status()).toBe('Error: Training failed. Out of memory.');
    expect(q('error').hidden).toBe(false);
    expect(q('error').textContent).toContain('Try fewer images.');
    expect(handle.released).toBe(1);
    expect(q('start').textContent).toBe('Start again');
    deliver('late');
    expect(heard).not.toHaveBeenCalled();
    life.begin();
    expect(q('error').hidden).toBe(true);
  });

  it('reports a failed import through onError', async () => {
    const { life } = setup();
    const id = life.begin()!;
    const onError = vi.fn();
    expect(await life.load(id, () => Promise.reject(new Error('offline')), onError)).toBeNull();
    expect(onError).toHaveBeenCalledOnce();
  });

  it('running(text) says the first training status at once, then thins the updates out, and stays quiet while stopping', () => {
    const { host, life, status, q } = setup();
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    life.begin();
    expect(status()).toBe('Loading the training code…');
    life.running('Training: epoch 1');
    expect(host.dataset.state).toBe('running');
    expect(status()).toBe('Training: epoch 1');
    life.running('Training: epoch 2');
    expect(status()).toBe('Training: epoch 1'); // thinned out: the line changed just now
    now.mockReturnValue(3_000);
    life.running('Training: epoch 3');
    expect(status()).toBe('Training: epoch 3');
    life.attach(new Handle());
    q<HTMLButtonElement>('stop').click();
    now.mockReturnValue(9_000);
    life.running('Training: epoch 4');
    expect(status()).toBe('Stopping after this batch…');
    now.mockRestore();
  });

  it('fails in words when the training code cannot be loaded and no onError is given', async () => {
    const { host, life, status, q } = setup();
    const id = life.begin()!;
    expect(await life.load(id, () => Promise.reject(new Error('offline')))).toBeNull();
    expect(host.dataset.state).toBe('error');
    expect(status()).toBe('Error: Training failed. The page could not load its training code (offline).');
    expect(q('error').hidden).toBe(false);
    expect(q('error').textContent).toContain('Check your connection');
    expect(q('start').textContent).toBe('Start again');
  });

  it('shows download progress over several files and announces the end of the download', () => {
    const { life, status, q } = setup();
    const now = vi.spyOn(performance, 'now').mockReturnValue(5_000); // a frozen clock: updates stay thinned out
    life.begin();
    life.download('a', 0, 1e6);
    expect(status()).toBe('Loading the training code…'); // thinned out: the line changed just now
    life.download('b', 0, 1e6);
    life.download('a', 1e6, 1e6);
    life.download('b', 5e5, 1e6);
    const bar = q('progress').querySelector('progress')!;
    expect(bar.value).toBe(1.5e6);
    expect(bar.max).toBe(2e6);
    life.download('b', 1e6, 1e6); // finished: announced at once, not thinned out
    expect(status()).toBe('Downloading MNIST: 2.0 of 2.0 MB');
    now.mockRestore();
  });

  it('tears down on disconnect: the worker freed, one message, back to idle', () => {
    const { host, life, status, states } = setup();
    const id = life.begin()!;
    const handle = new Handle();
    life.attach(handle);
    life.running();
    const heard = vi.fn();
    const deliver = life.listen(id, heard);
    host.remove();
    life.disconnect();
    expect(status()).toBe(REMOVED_STATUS);
    expect(host.dataset.state).toBe('idle');
    expect(handle.released).toBe(1);
    deliver('late');
    expect(heard).not.toHaveBeenCalled();
    life.disconnect(); // a second teardown says nothing more
    expect(states.filter((s) => s === 'idle')).toHaveLength(2); // the first idle, and the teardown's
  });

  it('stays quiet on disconnect when no run is going', () => {
    const { life, status } = setup();
    life.disconnect();
    expect(status()).toBe('Ready');
  });

  it('abandons a finished run quietly (a Reset) and calls onIdle whenever the controls come back', () => {
    const host = document.createElement('div');
    host.innerHTML = MARKUP;
    document.body.append(host);
    const onIdle = vi.fn();
    const life = new TrainerLifecycle<Handle>(host, { onStart: () => {}, release: (h) => h.released++, onIdle });
    const handle = new Handle();
    life.begin();
    life.attach(handle);
    life.stop();
    life.finish('Stopped', 'idle');
    expect(onIdle).toHaveBeenCalledTimes(1);
    life.begin();
    life.stop(); // before the worker starts
    expect(onIdle).toHaveBeenCalledTimes(2);
    life.abandon();
    expect(host.querySelector('[data-part="status"]')!.textContent).toBe(STOPPED_EARLY_STATUS);
    expect(handle.released).toBe(1);
  });
});

describe('runControlsMarkup', () => {
  it('gives Start, Stop (disabled) and a polite status line holding the idle text, escaped', () => {
    const host = document.createElement('div');
    host.innerHTML = runControlsMarkup('Ready <now> & "then"', '<button data-part="reset">Reset</button>');
    expect(host.querySelector('[data-part="start"]')?.textContent).toBe('Start training');
    expect(host.querySelector<HTMLButtonElement>('[data-part="stop"]')?.disabled).toBe(true);
    expect(host.querySelector('.tk-actions [data-part="reset"]')).not.toBeNull();
    const status = host.querySelector('[role="status"][data-part="status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent).toBe('Ready <now> & "then"');
  });
});
