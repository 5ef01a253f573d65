/**
 * Normalisation: the seed's defaults applied on the consuming side, per backend. The mode rule (daemon-preferring
 * backends run {@code daemon}, foreground-preferring ones {@code foregroundProcess}, each falling back to the
 * other), PID and log file placement, privileged versus {@code forceDisableUserChange}, the state directories and
 * the {@code ${stateDir}}-style placeholders. Reference: nix-processmgmt §1.2, §3.0, §5.3.
 */
@NullMarked
package nixproc.process;

import org.jspecify.annotations.NullMarked;
