/**
 * supervisord (supervisord.org, Debian package {@code supervisor}): one {@code conf.d/<name>.conf} with a
 * {@code [program:<name>]} section per process, and a profile-wide {@code supervisord.conf} whose
 * {@code [include] files=conf.d/*.conf} picks them up, as the seed's {@code nixproc/backends/supervisord}
 * (reference §3.3).
 *
 * <p>
 * Seed behaviour reproduced: foreground preferred; a daemon-only process is wrapped by a foreground proxy that waits
 * for its PID file and lives as long as the daemon; {@code initialize} runs as root in that proxy, which then drops
 * to the process's user (the seed's chain-loading), otherwise supervisord's {@code user=} changes user, only in a
 * privileged profile (a proxied process always chain-loads: the proxy is a generation file only root reads, #17); {@code priority} is 1 without dependencies, else 1 + the highest priority of the dependencies
 * (§9.13); section lines are {@code command}, {@code priority}, {@code environment}, then the rest alphabetically;
 * {@code overrides.supervisord} deep-merges into the section's keys ({@code autorestart}, {@code stopwaitsecs} …,
 * {@code null} removes one).
 *
 * <p>
 * Deliberate differences from the seed, each a fix:
 * <ul>
 * <li>{@code directory} becomes {@code directory=} (the seed drops it, §8).</li>
 * <li>No {@code nice=} key: supervisord has no such option and ignores it (§8). {@code nice} is applied by running
 * the command under {@code nice -n}. An override naming any key supervisord does not know is refused.</li>
 * <li>{@code environment=} is written for supervisord's real syntax (non-POSIX shlex, quote stripping, inline
 * comments, {@code %} expansion, see {@code SupervisordSyntax}); the seed only backslash-escapes double quotes,
 * which that syntax does not understand. A value it cannot carry (a line break, both quote kinds, {@code " ;"})
 * moves the environment into the proxy script, where sh quoting carries every byte; the same holds for arguments.</li>
 * <li>{@code PATH} from {@code path} is prefixed to supervisord's own ({@code %(ENV_PATH)s}) instead of replacing it:
 * the seed's replacement lists Nix base packages, which a Debian host has on its normal PATH.</li>
 * <li>The proxy honours {@code directory} and {@code umask} in both modes (the seed's ignores them when not wrapping
 * a daemon, §9.7); it is referenced as {@code %(here)s/<name>-foregroundproxy.sh}, so the profile is relocatable.</li>
 * <li>{@code supervisord.conf} uses a unix control socket, PID file and logs under the runtime and log directories
 * instead of {@code inet_http_server} on port 9001, so an unprivileged user can run it and two profiles with
 * different state directories do not collide.</li>
 * </ul>
 */
@NullMarked
package nixproc.backend.supervisord;

import org.jspecify.annotations.NullMarked;
