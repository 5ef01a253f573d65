/**
 * disnix: Dysnomia's {@code process} type (github.com/svanderburg/dysnomia), as the seed's
 * {@code nixproc/backends/disnix} writes it (reference §3.9): {@code etc/dysnomia/process/<name>} holding
 * {@code process=} (the wrapper) and {@code pidFile=}, and the wrapper {@code bin/<name>-process-wrapper} that starts
 * the process in the background and returns.
 *
 * <p>
 * Seed behaviour reproduced: daemon preferred; the wrapper exports the environment ({@code PATH} from {@code path}
 * with {@code :$PATH} appended), applies {@code umask}, runs {@code initialize}, changes to {@code directory} and execs
 * the daemon ({@code su} to the user when privileged), or daemonises a foreground-only process with its log in
 * {@code nixproc-<instance>.log}; {@code pidFile} is the explicit or derived PID file. Daemonising is
 * {@link nixproc.backend.ShellDaemoniser}, the code the sysvinit scripts use (libslack {@code daemon}, else
 * {@code start-stop-daemon}, else POSIX sh), so the seed's hard dependency on libslack {@code daemon} is gone and
 * {@code nice} applies to daemonised processes too.
 *
 * <p>
 * Differences: {@code process=} is relative to the component (the generation directory), since there is no Nix store
 * path to write; {@code pidFile=} is shell-quoted (Dysnomia sources the file). The profile is the instances' files;
 * the seed's Disnix manifest (for {@code disnix-deploy}) is not generated, and the driver activates the wrappers
 * itself, as Dysnomia's {@code process} module would. There are no {@code overrides.disnix} parameters.
 */
@NullMarked
package nixproc.backend.disnix;

import org.jspecify.annotations.NullMarked;
