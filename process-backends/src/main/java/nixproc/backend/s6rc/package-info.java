/**
 * s6-rc (skarnet.org; Debian packages {@code s6} and {@code execline}, {@code s6-rc} itself is not in Debian 12):
 * source definition directories under {@code etc/s6/sv/}, the input of {@code s6-rc-compile}, as the seed's
 * {@code nixproc/backends/s6-rc} writes them (reference §3.7).
 *
 * <p>
 * Seed behaviour reproduced: foreground preferred; a foreground process is the longrun {@code <name>-srv} with an
 * execline {@code run} script, paired with the logging longrun {@code <name>-log} ({@code producer-for},
 * {@code consumer-for}, {@code notification-fd 3}, {@code pipeline-name <name>}, so s6-rc creates the bundle
 * {@code <name>}) that runs {@code s6-log -d3 <logDir>/s6-log/<name>}, as user {@code s6-log} when privileged; a
 * daemon-only process is the oneshot {@code <name>} with {@code up} and {@code down}; the prelude is the seed's
 * (environment, initialize, {@code execline-umask}, {@code execline-cd}, {@code s6-setuidgid} only when privileged,
 * {@code nice -n}, {@code fdmove -c 2 1}); the profile's {@code default} bundle holds every instance;
 * {@code overrides.s6-rc} binds to {@code S6rcParameters} ({@code flagEssential}, {@code timeoutKill},
 * {@code timeoutFinish}, {@code downSignal}, {@code logService}, {@code execlineb}, {@code logUser}).
 *
 * <p>
 * Deliberate differences from the seed, each a fix or a consequence of running without Nix:
 * <ul>
 * <li>A oneshot's {@code down} kills the PID from the process's PID file, explicit or derived (the seed reads only
 * an explicit {@code pidFile}, so a daemon-only service without one cannot be stopped, §8), and waits until it is
 * gone.</li>
 * <li>A failing {@code initialize} fails the start ({@code if}; the seed's {@code foreground} ignores it).</li>
 * <li>The environment is exported with {@code export} in the script rather than an {@code envfile} in the store,
 * so the source directory is self-contained; values are execline-quoted and never substituted.</li>
 * <li>{@code PATH} (from {@code path}, else the system's directories; an explicit one wins) is set last, just
 * before the program: replacing it first, as the seed can with Nix store paths, would hide execline's own
 * programs where the distribution keeps them off the PATH (Debian: {@code /usr/lib/execline/bin}).</li>
 * <li>Dependencies are the lists in {@code dependencies.d/} of s6-rc ≥ 0.5 and name the dependency's bundle
 * {@code <dep>} (service and logger), not the seed's {@code <dep>-srv}.</li>
 * <li>The {@code s6-log} account the privileged logger switches to is written to {@code dysnomia-support}, so the switch
 * creates it; {@code overrides.s6-rc.logUser} names another (the seed's {@code s6-svscan} constructor makes one per
 * scan directory).</li>
 * </ul>
 * The driver runs the longruns on plain s6 ({@code s6-svscan}, {@code s6-svc}, {@code s6-svstat}); with s6-rc
 * installed the same directories compile with {@code s6-rc-compile}. A stop waits for the logger too (its account
 * may be deleted next); a failed start's message carries the end of the logger's {@code current} file.
 */
@NullMarked
package nixproc.backend.s6rc;

import org.jspecify.annotations.NullMarked;
