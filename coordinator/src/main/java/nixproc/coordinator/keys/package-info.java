/** The coordinator's signing key: made once, kept in the database, public half served to agents. */
@NullMarked
package nixproc.coordinator.keys;

import org.jspecify.annotations.NullMarked;
