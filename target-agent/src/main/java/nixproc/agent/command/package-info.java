/**
 * One handler per {@link nixproc.events.Command} type (style G16). A handler gets a verified, unexpired, not yet seen
 * command and the current state, and returns the answer and the next state; the inbox persists the state before it
 * sends the answer. Activation itself is behind the {@link nixproc.agent.command.Activator} seam.
 */
@NullMarked
package nixproc.agent.command;

import org.jspecify.annotations.NullMarked;
