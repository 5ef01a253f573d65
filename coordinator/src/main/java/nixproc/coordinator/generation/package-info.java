/** Committed generations and their manifests. */
@NullMarked
package nixproc.coordinator.generation;

import org.jspecify.annotations.NullMarked;
