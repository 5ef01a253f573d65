/** Consumption of {@code nixproc.agent-events}: signature checks against pinned keys, registry updates, answers. */
@NullMarked
package nixproc.coordinator.target.internal;

import org.jspecify.annotations.NullMarked;
