/**
 * The agent's liveness towards the coordinator: what the machine offers ({@link nixproc.agent.health.CapabilityDetector})
 * and the registration and heartbeats that carry it ({@link nixproc.agent.health.Heartbeater}).
 */
@NullMarked
package nixproc.agent.health;

import org.jspecify.annotations.NullMarked;
