/**
 * cygrunsrv (Cygwin's Windows service wrapper): {@code nix-process-<name>-cygrunsrvparams}, the {@code cygrunsrv
 * --install} arguments one per line, as the seed's {@code nixproc/backends/cygrunsrv} produces (reference §3.6):
 * {@code --path}, {@code --disp nix-process-<name>}, {@code --type manual} (when overridden), {@code --args},
 * {@code --env NAME=value} per variable (PATH = the path's bin directories, then Cygwin's default), {@code
 * --stdin/--stdout/--stderr}, {@code --termsig}, {@code --shutdown}, {@code --dep nix-process-<dependency>}.
 *
 * <p>
 * Foreground-preferring. A foreground proxy {@code nix-process-<name>-foregroundproxy.sh} is generated beside the
 * parameter file, and named by a {@code --path} relative to the profile, when the process has an
 * {@code initialize}, a {@code directory}, a {@code umask} or a {@code nice}, is daemon-only (the proxy waits for
 * its PID file and follows it), or has an argument cygwin's splitting of {@code --args} would alter.
 *
 * <p>
 * Deliberate differences from the seed, each a fix:
 * <ul>
 * <li>{@code directory} and {@code umask} are applied (the seed dropped them, §3.6).</li>
 * <li>The driver really installs services (the seed's deploy tool only echoed {@code cygrunsrv --install}).</li>
 * <li>Environment values are written as {@code NAME=value} tokens; the seed single-quoted them in a file read with
 * {@code xargs -d '\n'}, which passed the quotes on literally.</li>
 * <li>Arguments with quotes, blanks or backslashes go through the proxy instead of cygwin's splitting.</li>
 * </ul>
 * Still as in the seed: no {@code user} (cygrunsrv needs the account's password) and no credentials files. A value
 * with a line break cannot be written to the line-per-argument file and is refused with its JSON pointer.
 * Overrides ({@code overrides.cygrunsrv}) bind to {@code CygrunsrvParameters}: {@code path}, {@code args},
 * {@code displayName}, {@code environment}, {@code type}, {@code stdin}, {@code stdout}, {@code stderr},
 * {@code terminateSignal}, {@code terminateOnShutdown}, {@code dependencies}.
 */
@NullMarked
package nixproc.backend.cygrunsrv;

import org.jspecify.annotations.NullMarked;
