/**
 * The target agent (architecture §7): {@link nixproc.agent.Agent} wires the parts by hand, without a framework
 * (style G16): {@code config} → {@code state} → {@code health} (registration, heartbeats) and {@code inbox} (the
 * command loop) → {@code command} (one handler per command type).
 */
@NullMarked
package nixproc.agent;

import org.jspecify.annotations.NullMarked;
