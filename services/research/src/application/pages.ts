import type { PageConnection } from "@intl/mongo";

/** A page of documents as a page of domain states. */
export function mapPage<D extends { toObject(): unknown }, S>(
  page: PageConnection<D>,
  fromDocument: (document: never) => S,
): PageConnection<S> {
  return {
    nodes: page.nodes.map((node) => fromDocument(node.toObject() as never)),
    pageInfo: page.pageInfo,
    totalCount: page.totalCount,
  };
}
