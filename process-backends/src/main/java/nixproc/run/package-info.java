/**
 * Every external command a driver runs goes through {@link nixproc.run.CommandRunner} (style G8), so tests of
 * managers that cannot run here record and assert the exact command sequence.
 */
@NullMarked
package nixproc.run;

import org.jspecify.annotations.NullMarked;
