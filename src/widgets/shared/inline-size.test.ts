/** publishInlineSize, with a fake ResizeObserver and elements that only have a style. */
import { describe, expect, it } from 'vitest';
import { INLINE_SIZE_PROPERTY, publishInlineSize, type SizeEntry, type SizeObserverFactory } from './inline-size.ts';

function fakeElement() {
  const props = new Map<string, string>();
  const writes: string[] = [];
  const el = {
    style: {
      setProperty(name: string, value: string) {
        props.set(name, value);
        writes.push(value);
      },
    },
  };
  return { el: el as unknown as HTMLElement, props, writes };
}

function fakeObserver() {
  const state = { observed: [] as Element[], disconnected: false, report: (_: readonly SizeEntry[]) => {} };
  const factory: SizeObserverFactory = (onResize) => {
    state.report = onResize;
    return {
      observe: (target) => state.observed.push(target),
      disconnect: () => {
        state.disconnected = true;
      },
    };
  };
  return { state, factory };
}

describe('publishInlineSize', () => {
  it('sets each element its own content-box width in px, and follows resizes', () => {
    const a = fakeElement();
    const b = fakeElement();
    const { state, factory } = fakeObserver();
    publishInlineSize([a.el, b.el], factory);
    expect(state.observed).toEqual([a.el, b.el]);

    state.report([
      { target: a.el, contentRect: { width: 423.456 } },
      { target: b.el, contentRect: { width: 200 } },
    ]);
    expect(a.props.get(INLINE_SIZE_PROPERTY)).toBe('423.46px');
    expect(b.props.get(INLINE_SIZE_PROPERTY)).toBe('200px');

    state.report([{ target: a.el, contentRect: { width: 310 } }]);
    expect(a.props.get(INLINE_SIZE_PROPERTY)).toBe('310px');
    expect(b.props.get(INLINE_SIZE_PROPERTY)).toBe('200px');
  });

  it('does not write a width it already wrote (a height change reports the same width)', () => {
    const a = fakeElement();
    const { state, factory } = fakeObserver();
    publishInlineSize([a.el], factory);
    state.report([{ target: a.el, contentRect: { width: 300 } }]);
    state.report([{ target: a.el, contentRect: { width: 300 } }]);
    state.report([{ target: a.el, contentRect: { width: 300.001 } }]);
    expect(a.writes).toEqual(['300px']);
  });

  it('stops following when told to', () => {
    const { state, factory } = fakeObserver();
    const stop = publishInlineSize([fakeElement().el], factory);
    expect(state.disconnected).toBe(false);
    stop();
    expect(state.disconnected).toBe(true);
  });
});
