// What a tidy / go get preview changes in the module graph: the nodes and edges of `go mod graph`
// (inGraph nodes, loaded edges) present in one model and not the other.
import type { GraphModel } from './graphModel';

export interface GraphDiff {
  addedNodes: string[];
  removedNodes: string[];
  /** "from to" keys */
  addedEdges: string[];
  removedEdges: string[];
}

export function graphDiff(before: GraphModel, after: GraphModel): GraphDiff {
  const ids = (m: GraphModel) => new Set(m.nodes.filter((n) => n.inGraph).map((n) => n.id));
  const edges = (m: GraphModel) => new Set(m.edges.filter((e) => e.status === 'loaded').map((e) => `${e.from} ${e.to}`));
  const [bn, an, be, ae] = [ids(before), ids(after), edges(before), edges(after)];
  return {
    addedNodes: [...an].filter((x) => !bn.has(x)),
    removedNodes: [...bn].filter((x) => !an.has(x)),
    addedEdges: [...ae].filter((x) => !be.has(x)),
    removedEdges: [...be].filter((x) => !ae.has(x)),
  };
}

/** The marks one side shows: additions in the "after" graph, removals in the current one. */
export function diffMarksFor(d: GraphDiff | undefined, show: 'current' | 'after') {
  const none: string[] = [];
  return {
    addedNodes: new Set(d && show === 'after' ? d.addedNodes : none),
    removedNodes: new Set(d && show === 'current' ? d.removedNodes : none),
    addedEdges: new Set(d && show === 'after' ? d.addedEdges : none),
    removedEdges: new Set(d && show === 'current' ? d.removedEdges : none),
  };
}
