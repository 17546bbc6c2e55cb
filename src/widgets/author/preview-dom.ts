/**
 * Applies a rendered preview to the DOM, touching only the blocks that changed.
 *
 * Each block's HTML is parsed once into nodes, kept under the block's key (the same key always
 * means the same HTML, see RenderedBlock in src/lib/author/types.ts). An update reuses the nodes
 * of unchanged keys where they are, inserts new ones in order and removes the ones that are gone,
 * so a quiz the author is trying out, a scrolled formula or a loaded image in an untouched block
 * is left alone (connected custom elements are never re-created).
 */
import { namespaceOf, parseHtmlTree, treeDifference, unsafeInTree, type TreeNode } from '../../lib/author/html-tree.ts';
import type { RenderedBlock } from '../../lib/author/types.ts';

/** The neutral tree (lib/author/html-tree.ts) of DOM nodes, as the browser's parser made them. */
export function domTree(nodes: ArrayLike<Node>): TreeNode[] {
  const out: TreeNode[] = [];
  for (const node of Array.from(nodes)) {
    if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE)
      out.push({ type: 'text', value: (node as CharacterData).data });
    else if (node.nodeType === Node.COMMENT_NODE) out.push({ type: 'comment', value: (node as Comment).data });
    else if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      const attrs = Array.from(element.attributes, (a): [string, string] => [a.name, a.value]);
      const children = element instanceof HTMLTemplateElement ? element.content.childNodes : element.childNodes;
      out.push({ type: 'element', ns: namespaceOf(element.namespaceURI), name: element.localName, attrs, children: domTree(children) });
    }
  }
  return out;
}

/**
 * Why the browser's own parse of `html` (the content of an inert <template>) must not be shown,
 * or null when it may: the second wall behind the renderer's sanitiser and round-trip check.
 * Nothing in the template runs (scripts, handlers and loads are inert there), and its nodes are
 * only adopted into the page once this says null.
 */
export function refusalOf(html: string, content: DocumentFragment): string | null {
  const tree = domTree(content.childNodes);
  const unsafe = unsafeInTree(tree);
  if (unsafe !== null) return `it holds ${unsafe}`;
  const difference = treeDifference(parseHtmlTree(html, 'template'), tree);
  return difference === null ? null : `the browser read it differently from the checked HTML (${difference})`;
}

/** A red box saying a piece of the preview was refused (built from text, never from HTML). */
export function refusedBox(doc: Document, why: string): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'author-problem author-problem-error';
  box.setAttribute('role', 'note');
  box.dataset.refused = '';
  const title = doc.createElement('strong');
  title.className = 'author-problem-title';
  title.textContent = 'This part of the preview was not shown';
  const message = doc.createElement('span');
  message.className = 'author-problem-message';
  message.textContent = `The page checked the HTML before showing it, and ${why}. Check this block's HTML tags.`;
  box.append(title, doc.createTextNode(' '), message);
  return box;
}

/**
 * Parses `html` in an inert <template>, checks it (refusalOf) and returns nodes adopted into the
 * page's document: the parsed ones, or a refusal box in their place.
 */
export function guardedNodes(template: HTMLTemplateElement, html: string, onRefused?: (why: string) => void): Node[] {
  const doc = template.ownerDocument;
  template.innerHTML = html;
  const why = refusalOf(html, template.content);
  if (why !== null) {
    template.innerHTML = '';
    onRefused?.(why);
    return [refusedBox(doc, why)];
  }
  // Adopt into the page's document (a template's content lives in an inert one), so custom
  // elements upgrade when they are connected.
  const fragment = doc.importNode(template.content, true);
  template.innerHTML = '';
  return Array.from(fragment.childNodes);
}

export interface PatchStats {
  /** Blocks whose nodes were created this time. */
  created: number;
  /** Blocks whose nodes were removed. */
  removed: number;
  /** Blocks refused by the browser-side check (guardedNodes) this time. */
  refused: number;
}

export class KeyedBlocks {
  private nodes = new Map<string, Node[]>();
  private order: string[] = [];
  private readonly template: HTMLTemplateElement;

  constructor(readonly container: HTMLElement) {
    this.template = container.ownerDocument.createElement('template');
  }

  /** The first element of each block, in document order (for scroll anchors). */
  firstElements(): Array<Element | null> {
    return this.order.map((key) => (this.nodes.get(key) ?? []).find((n): n is Element => n.nodeType === 1) ?? null);
  }

  apply(blocks: readonly Pick<RenderedBlock, 'key' | 'html'>[]): PatchStats {
    const next = new Map<string, Node[]>();
    let created = 0;
    let refused = 0;
    for (const block of blocks) {
      let nodes = this.nodes.get(block.key);
      if (!nodes) {
        nodes = guardedNodes(this.template, block.html, () => refused++);
        created++;
      }
      next.set(block.key, nodes);
    }
    // Remove the blocks that are gone first, so that the kept ones line up without moves.
    let removed = 0;
    for (const [key, nodes] of this.nodes) {
      if (next.has(key)) continue;
      removed++;
      for (const node of nodes) node.parentNode?.removeChild(node);
    }
    // Walk the wanted order; insert a node only where it is not already in place.
    let cursor: ChildNode | null = this.container.firstChild;
    for (const block of blocks) {
      for (const node of next.get(block.key) ?? []) {
        if (node === cursor) cursor = cursor.nextSibling;
        else this.container.insertBefore(node, cursor);
      }
    }
    // Anything left after the last block (stray nodes) goes.
    while (cursor) {
      const after: ChildNode | null = cursor.nextSibling;
      cursor.remove();
      cursor = after;
    }
    this.nodes = next;
    this.order = blocks.map((b) => b.key);
    return { created, removed, refused };
  }
}
