/**
 * The single command loop (style G16): poll the one partition of {@code nixproc.commands} that this target's name
 * maps to → verify → drop replays → dispatch to a handler → persist state → answer → commit the offset. Committing
 * last makes delivery at-least-once; the persisted answers make a second delivery harmless.
 */
@NullMarked
package nixproc.agent.inbox;

import org.jspecify.annotations.NullMarked;
