/**
 * sysvinit: an LSB init.d script per process plus {@code rc<N>.d} start/kill links, as the seed's
 * {@code nixproc/backends/sysvinit} produces (reference §3.1), in plain POSIX sh instead of the LFS
 * {@code init-functions}, so it runs on any system with {@code /bin/sh}.
 *
 * <p>
 * A daemon-preferring backend: {@code daemon} (or {@code process}) runs as is and must fork and write its PID
 * file. A foreground-only process is daemonised, decided <em>when the script runs</em> (the same profile works on
 * machines with different tools): libslack {@code daemon} when on the PATH, else {@code start-stop-daemon}
 * (dpkg ≥ 1.20.6, for {@code --output}), else a POSIX-sh fallback that backgrounds the process with SIGHUP
 * ignored, stdin from {@code /dev/null}, output appended to the log, and writes {@code $!} to the PID file. All
 * three run it in {@code directory}, else {@code /}, with {@code nice} applied.
 *
 * <p>
 * Deliberate differences from the seed, each a fix:
 * <ul>
 * <li>Without {@code runlevels} the seed writes no {@code S} links and the process is never started (§9.4); the
 * default here is runlevels 3 4 5.</li>
 * <li>The seed ignores {@code nice} for daemonised foreground processes (§8); here it applies in every mode.</li>
 * <li>The header uses LSB's {@code ### BEGIN INIT INFO} (the seed writes two hashes, which {@code insserv} and
 * {@code update-rc.d} do not recognise).</li>
 * <li>{@code su} gets {@code -s /bin/sh}: service users usually have a {@code nologin} shell.</li>
 * <li>{@code stop} escalates to SIGKILL after {@code stopTimeout} seconds (default 10) and removes the PID
 * file, so a daemon that refuses a stale PID file (the seed's webapp) starts again. It checks every 0.1 s, as the
 * seed's {@code killproc} does.</li>
 * <li>{@code start} creates the PID and log directories, which the seed leaves to {@code nixproc-init-state}.</li>
 * </ul>
 * Overrides ({@code overrides.sysvinit}) bind to {@code SysvinitParameters}: {@code runlevels}, {@code reloadSignal},
 * {@code stopSignal}, {@code stopTimeout}, {@code globalInstructions}, {@code activities} (extra {@code case}
 * branches: name → shell code) and {@code removeActivities}.
 */
@NullMarked
package nixproc.backend.sysvinit;

import org.jspecify.annotations.NullMarked;
