import { describe, expect, it } from 'vitest';
import { assertUniqueItemIds, lessonItems } from './lesson-items.ts';

const lesson = `---
title: Start here
---
import CodeCell from '../../src/components/CodeCell.astro';
import Quiz from '../../src/components/Quiz.astro';

## Warm up

<CodeCell id="first-tensor" title="Your first tensor" code={\`const t = tf.tensor([1, 2, 3]);
print(t);\`} />

<Quiz id='q-what-is-a-tensor' kind="choice" options={["a", "b"]} answer={0}>
  What is a tensor?
</Quiz>

<CodeCell
  exercise="sigmoid"
  backend="cpu"
>
  Write **sigmoid**.
</CodeCell>

Write a cell like \`<CodeCell id="not-a-cell" />\` to add one.

\`\`\`mdx
<CodeCell exercise="example-in-a-fence" />
<Quiz id="example-quiz" />
\`\`\`

{/* <CodeCell exercise="commented-out" /> */}
<!-- <Quiz id="html-comment" /> -->

<CodeCellGroup id="other-component" />
<Quiz id={"q-braced"} />
<CodeCell exercise={'mnist-90'} id="ignored-when-exercise" />
`;

describe('lessonItems', () => {
  it('lists exercises, free cells and quizzes in order, skipping examples and comments', () => {
    expect(lessonItems(lesson)).toEqual({
      exercises: ['sigmoid', 'mnist-90'],
      freeCells: ['first-tensor'],
      quizzes: ['q-what-is-a-tensor', 'q-braced'],
    });
  });

  it('returns empty lists for a lesson with none', () => {
    expect(lessonItems('# Hello\n\nJust prose with a <Figure src="x.png" />.')).toEqual({ exercises: [], freeCells: [], quizzes: [] });
  });

  it('skips tildes fences and longer backtick fences too', () => {
    const source = '~~~\n<Quiz id="a" />\n~~~\n````\n```\n<Quiz id="b" />\n````\n<Quiz id="c" />';
    expect(lessonItems(source).quizzes).toEqual(['c']);
  });

  it('is not fooled by a ">" or "}" inside an attribute expression', () => {
    const source = '<CodeCell code={`if (a > b) { print("}") }`} id="tricky" />\n<Quiz options={["x > y"]} id="after-arrow" />';
    expect(lessonItems(source)).toEqual({ exercises: [], freeCells: ['tricky'], quizzes: ['after-arrow'] });
  });

  it('rejects a computed id with a message naming the lesson and line', () => {
    expect(() => lessonItems('\n\n<Quiz id={name} />', '03-loss')).toThrow(
      /Lesson "03-loss", line 3: <Quiz>: id must be a plain string such as id="my-id".*found \{name\}/,
    );
    expect(() => lessonItems('<CodeCell exercise={`ex-${n}`} />', '01-x')).toThrow(/exercise must be a plain string/);
  });
});

describe('assertUniqueItemIds', () => {
  const items = (exercises: string[], freeCells: string[], quizzes: string[]) => ({ exercises, freeCells, quizzes });

  it('accepts distinct ids, and the same name for a quiz and a cell', () => {
    expect(() =>
      assertUniqueItemIds([
        { id: '00-start-here', items: items(['sigmoid'], ['first-tensor'], ['intro']) },
        { id: '01-neurons', items: items(['perceptron'], ['playground'], ['sigmoid']) },
      ]),
    ).not.toThrow();
  });

  it('names both lessons when an id is used twice', () => {
    expect(() =>
      assertUniqueItemIds([
        { id: '00-start-here', items: items(['sigmoid'], [], []) },
        { id: '04-training', items: items(['sigmoid'], [], []) },
      ]),
    ).toThrow(/exercise id "sigmoid" is used in lessons "00-start-here" and "04-training"/);
    expect(() =>
      assertUniqueItemIds([
        { id: '00-start-here', items: items([], [], ['q1']) },
        { id: '02-loss', items: items([], [], ['q1']) },
      ]),
    ).toThrow(/quiz id "q1" is used in lessons "00-start-here" and "02-loss".*rename one of the <Quiz id/);
  });

  it('treats exercise and free-cell ids as one name space (both key saved code)', () => {
    expect(() =>
      assertUniqueItemIds([
        { id: '00-start-here', items: items(['sigmoid'], [], []) },
        { id: '01-neurons', items: items([], ['sigmoid'], []) },
      ]),
    ).toThrow(/code cell id "sigmoid" is used in lessons "00-start-here" and "01-neurons"/);
  });

  it('catches a repeat within one lesson', () => {
    expect(() => assertUniqueItemIds([{ id: '00-start-here', items: items([], ['a', 'a'], []) }])).toThrow(/used twice in lesson "00-start-here"/);
  });
});
