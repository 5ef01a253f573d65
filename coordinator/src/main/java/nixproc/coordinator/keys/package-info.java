/**
 * The coordinator's signing key: kept in a file only the coordinator reads (never in the database), made once,
 * public half served to agents.
 */
@NullMarked
package nixproc.coordinator.keys;

import org.jspecify.annotations.NullMarked;
