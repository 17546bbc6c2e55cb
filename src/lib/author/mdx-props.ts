/**
 * Reads the attributes of an MDX JSX element as literal values, for the /author preview.
 *
 * The preview never evaluates code from the document: an attribute value is accepted only when it
 * is a string (`kind="tip"`), a bare flag (`wide`), or a `{…}` expression whose estree (from
 * micromark-extension-mdxjs) is a literal, a negative/positive number, a template without
 * expressions, or an array/object built only of those. Anything else (a variable, a call, a spread)
 * is reported as a problem and the prop is left out.
 */
import type { Expression, Node as EstreeNode, Program } from 'estree';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx-jsx';

export type LiteralResult = { ok: true; value: unknown } | { ok: false; reason: string };

const NOT_LITERAL = 'it is code, which the preview never runs: use a literal such as "text", {1}, {true} or {["a", "b"]}';

/** The literal value of an estree expression, or why it is not one. */
export function literalOf(node: EstreeNode): LiteralResult {
  switch (node.type) {
    case 'Literal':
      if ('regex' in node && node.regex) return { ok: false, reason: 'a regular expression is not a literal value the preview can read' };
      if ('bigint' in node && node.bigint) return { ok: false, reason: 'a BigInt is not a value a lesson prop takes' };
      return { ok: true, value: node.value };
    case 'UnaryExpression': {
      if ((node.operator === '-' || node.operator === '+') && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
        return { ok: true, value: node.operator === '-' ? -node.argument.value : node.argument.value };
      }
      return { ok: false, reason: NOT_LITERAL };
    }
    case 'TemplateLiteral':
      if (node.expressions.length === 0 && node.quasis.length === 1)
        return { ok: true, value: node.quasis[0]!.value.cooked ?? node.quasis[0]!.value.raw };
      return { ok: false, reason: 'a template with ${…} inside is code, which the preview never runs' };
    case 'ArrayExpression': {
      const out: unknown[] = [];
      for (const element of node.elements) {
        if (element === null) return { ok: false, reason: 'a list with a hole ([1, , 2]) is not a literal value' };
        if (element.type === 'SpreadElement') return { ok: false, reason: NOT_LITERAL };
        const inner = literalOf(element);
        if (!inner.ok) return inner;
        out.push(inner.value);
      }
      return { ok: true, value: out };
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const property of node.properties) {
        if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method || property.shorthand) {
          return { ok: false, reason: NOT_LITERAL };
        }
        const key =
          property.key.type === 'Identifier'
            ? property.key.name
            : property.key.type === 'Literal' && (typeof property.key.value === 'string' || typeof property.key.value === 'number')
              ? String(property.key.value)
              : null;
        if (key === null) return { ok: false, reason: NOT_LITERAL };
        const inner = literalOf(property.value);
        if (!inner.ok) return inner;
        // defineProperty: a key named __proto__ must not change the object's prototype.
        Object.defineProperty(out, key, { value: inner.value, enumerable: true, writable: true, configurable: true });
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: false, reason: NOT_LITERAL };
  }
}

/** The single expression of a `{…}` program, or null when it holds none (or more than one statement). */
export function programExpression(program: Program | undefined): Expression | null {
  const statement = program?.body.length === 1 ? program.body[0] : undefined;
  return statement && statement.type === 'ExpressionStatement' ? statement.expression : null;
}

export interface JsxProps {
  props: Record<string, unknown>;
  /** One entry per attribute that was left out: its name (or '…' for a spread) and why. */
  problems: { name: string; reason: string }[];
}

/** The literal props of a JSX element's attributes. */
export function readJsxProps(attributes: readonly (MdxJsxAttribute | MdxJsxExpressionAttribute)[]): JsxProps {
  const props: Record<string, unknown> = {};
  const problems: JsxProps['problems'] = [];
  for (const attribute of attributes) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      problems.push({ name: '{…}', reason: 'a spread of props is code, which the preview never runs' });
      continue;
    }
    const { name, value } = attribute;
    let result: LiteralResult;
    if (value === null || value === undefined) result = { ok: true, value: true };
    else if (typeof value === 'string') result = { ok: true, value };
    else {
      const expression = programExpression(value.data?.estree ?? undefined);
      result = expression ? literalOf(expression) : { ok: false, reason: NOT_LITERAL };
    }
    if (result.ok) Object.defineProperty(props, name, { value: result.value, enumerable: true, writable: true, configurable: true });
    else problems.push({ name, reason: result.reason });
  }
  return { props, problems };
}

/** A short source-like rendering of a literal prop value, for the placeholder box. */
export function describeProp(value: unknown): string {
  if (value === true) return '';
  if (typeof value === 'string') return `"${value}"`;
  return `{${JSON.stringify(value)}}`;
}
