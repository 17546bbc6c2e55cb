/**
 * Applies a rendered preview to the DOM, touching only the blocks that changed.
 *
 * Each block's HTML is parsed once into nodes, kept under the block's key (the same key always
 * means the same HTML, see RenderedBlock in src/lib/author/types.ts). An update reuses the nodes
 * of unchanged keys where they are, inserts new ones in order and removes the ones that are gone,
 * so a quiz the author is trying out, a scrolled formula or a loaded image in an untouched block
 * is left alone (connected custom elements are never re-created).
 */
import type { RenderedBlock } from '../../lib/author/types.ts';

export interface PatchStats {
  /** Blocks whose nodes were created this time. */
  created: number;
  /** Blocks whose nodes were removed. */
  removed: number;
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
    for (const block of blocks) {
      let nodes = this.nodes.get(block.key);
      if (!nodes) {
        nodes = this.parse(block.html);
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
    return { created, removed };
  }

  private parse(html: string): Node[] {
    this.template.innerHTML = html;
    // Adopt into the page's document (a template's content lives in an inert one), so custom
    // elements upgrade when they are connected.
    const fragment = this.container.ownerDocument.importNode(this.template.content, true);
    this.template.innerHTML = '';
    return Array.from(fragment.childNodes);
  }
}
