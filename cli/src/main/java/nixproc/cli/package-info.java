/** The {@code nixproc} command line: one class per subcommand. */
@NullMarked
package nixproc.cli;

import org.jspecify.annotations.NullMarked;
