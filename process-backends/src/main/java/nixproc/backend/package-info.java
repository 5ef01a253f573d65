/**
 * The seam every process manager plugs into: a {@link nixproc.backend.Backend} names its
 * {@link nixproc.model.BackendKind}, states its {@link nixproc.backend.Capabilities} and provides a
 * {@link nixproc.backend.Generator} turning one normalised process into {@link nixproc.backend.GeneratedFiles}.
 * {@link nixproc.backend.Backends} lists the implemented backends; {@link nixproc.profile.ProfileBuilder} builds a whole
 * profile. One sub-package per process manager holds its implementation, package-private except the entry.
 */
@NullMarked
package nixproc.backend;

import org.jspecify.annotations.NullMarked;
