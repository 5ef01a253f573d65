/**
 * The managed-process model (the seed's {@code createManagedProcess} parameters plus nixproc's extensions) and
 * the processes model of one machine, with JSON/YAML reading and validation that names the offending field by
 * JSON pointer. Plain Java; no defaults are applied here: like the seed, defaults belong to the consuming side
 * (see {@code nixproc.process} in process-backends), so a definition survives the trip between machines as written.
 */
@NullMarked
package nixproc.model;

import org.jspecify.annotations.NullMarked;
