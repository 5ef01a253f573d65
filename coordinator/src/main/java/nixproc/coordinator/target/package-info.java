/**
 * The target registry: which agents exist, the key each registered with, whether they are online (heartbeat TTL,
 * with a failover grace after the coordinator starts), and their answers to commands.
 */
@NullMarked
package nixproc.coordinator.target;

import org.jspecify.annotations.NullMarked;
