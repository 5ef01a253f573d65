/**
 * launchd (macOS): {@code Library/LaunchDaemons/org.nixos.<name>.plist}, as the seed's
 * {@code nixproc/backends/launchd} produces (reference §3.5), driven with {@code launchctl}.
 *
 * <p>
 * Keys: {@code Label}, {@code ProgramArguments}, {@code EnvironmentVariables} (PATH from {@code path} only, the
 * seed's rule), {@code WorkingDirectory}, {@code UserName} (only when user change is allowed and no chain-loading
 * is needed), {@code Umask}, {@code Nice}, {@code KeepAlive} from the restart policy ({@code always} → true,
 * {@code on-failure} → {@code {SuccessfulExit: false}}, {@code no} → false) with {@code ThrottleInterval} from its
 * delay, {@code ExitTimeOut} from {@code stopTimeout}, {@code RunAtLoad}, and {@code StandardOutPath}/{@code
 * StandardErrorPath} (the seed's daemon log path rule: log dir, or tmp dir for a service user). Foreground-preferring:
 * a non-empty {@code initialize} or a daemon-only process runs through a foreground proxy, an {@code sh -c} script
 * in {@code ProgramArguments} (initialize as root, then {@code su -m user}; a forking daemon is started, its PID file
 * awaited, signals forwarded, and its end awaited).
 *
 * <p>
 * Deliberate differences from the seed, each a fix:
 * <ul>
 * <li>{@code Umask} is an integer (the seed wrote a string, which launchd ignores).</li>
 * <li>{@code ProgramArguments} is always written, with the program first; the seed used {@code Program} without
 * arguments.</li>
 * <li>{@code RunAtLoad} and log paths are set, so a loaded job runs and its output is kept.</li>
 * <li>The proxy does not drop {@code WorkingDirectory}/{@code Umask}: they stay launchd keys and the proxy inherits
 * them (§9.7).</li>
 * <li>Dependencies are still not expressible in launchd; nixproc's switch orders starts itself, so nothing is
 * lost.</li>
 * </ul>
 * Overrides ({@code overrides.launchd}) bind to {@code LaunchdParameters} under the plist key names.
 */
@NullMarked
package nixproc.backend.launchd;

import org.jspecify.annotations.NullMarked;
