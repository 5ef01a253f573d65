/** Dependency ordering of instances: topological order, cycle detection, the seed's sequence numbers. */
@NullMarked
package nixproc.graph;

import org.jspecify.annotations.NullMarked;
