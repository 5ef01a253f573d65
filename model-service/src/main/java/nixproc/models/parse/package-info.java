/**
 * Reading a model set from a request: JSON and YAML natively, Nix through {@code nix-instantiate} when it is on
 * the PATH; validation with every problem at once; the canonical form and its SHA-256. The rules themselves live
 * in {@code shared-contracts} ({@code nixproc.network}) so the CLI applies the same ones.
 */
@NullMarked
package nixproc.models.parse;

import org.jspecify.annotations.NullMarked;
