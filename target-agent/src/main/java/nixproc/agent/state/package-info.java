/**
 * The agent's durable local state (architecture §7, style G9): current generation, lock lease, seen command ids with
 * the answer given to each, and the step in flight. Everything is written atomically (temporary file, fsync, atomic
 * rename, fsync of the directory), so a {@code kill -9} at any instant leaves either the old or the new state.
 */
@NullMarked
package nixproc.agent.state;

import org.jspecify.annotations.NullMarked;
