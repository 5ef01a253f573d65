/**
 * Immutable, content-addressed model revisions: storing them, listing, reading back, diffing two of them, and
 * announcing each new one as {@code ModelRevisionCreated} on {@code nixproc.models} through the event publication
 * registry.
 */
@NullMarked
package nixproc.models.revision;

import org.jspecify.annotations.NullMarked;
