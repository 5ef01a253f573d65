/**
 * A profile: built from a processes model for one backend by {@link nixproc.profile.ProfileBuilder} (the one builder
 * behind {@code nixproc build}, {@code nixproc switch}, the target agent and the golden files), and kept on disk as
 * numbered generations, without Nix: {@code <stateDir>/nixproc/profiles/<profile>/<N>/} holds the
 * built profile and {@code generation.json} (its manifest); {@code current} is a symbolic link to the active one.
 * Generations are written to a temporary directory and renamed into place, and {@code current} is replaced by
 * renaming a new link over it, so a crash never leaves a half-written generation or {@code current}.
 */
@NullMarked
package nixproc.profile;

import org.jspecify.annotations.NullMarked;
