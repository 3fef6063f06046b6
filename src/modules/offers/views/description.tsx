import type { VNode } from 'preact';
import { parseDescriptionHtml, type DescriptionNode } from '../description.ts';

/** The stored description as elements; the tree only knows safe elements, so nothing else can appear. */
export function Description({ html }: { html: string }) {
  return <div class="description">{renderNodes(parseDescriptionHtml(html))}</div>;
}

function renderNodes(nodes: DescriptionNode[]): Array<VNode | string> {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'br':
        return <br key={index} />;
      case 'a':
        return (
          <a key={index} href={node.href} rel="nofollow noopener">
            {renderNodes(node.children)}
          </a>
        );
      case 'p':
        return <p key={index}>{renderNodes(node.children)}</p>;
      case 'ul':
        return <ul key={index}>{renderNodes(node.children)}</ul>;
      case 'ol':
        return <ol key={index}>{renderNodes(node.children)}</ol>;
      case 'li':
        return <li key={index}>{renderNodes(node.children)}</li>;
      case 'strong':
        return <strong key={index}>{renderNodes(node.children)}</strong>;
      case 'em':
        return <em key={index}>{renderNodes(node.children)}</em>;
    }
  });
}
