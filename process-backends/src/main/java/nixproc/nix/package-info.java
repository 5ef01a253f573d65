/**
 * Processes models written in Nix (the seed's {@code processes.nix}): evaluated with {@code nix-instantiate --eval
 * --strict --json} against nixproc's Nix library ({@code nix/} in the repository, {@code <nixproc>} in models), the
 * model called with only the arguments it declares, as {@code nixproc-build} does.
 */
@NullMarked
package nixproc.nix;

import org.jspecify.annotations.NullMarked;
