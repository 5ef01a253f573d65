/**
 * bsdrc: FreeBSD {@code rc.d} scripts for {@code rc.subr(8)}, ordered by {@code rcorder(8)}, as the seed's
 * {@code nixproc/backends/bsdrc} writes them (reference §3.2). Not runnable on Linux: the generated scripts are checked
 * with {@code sh -n} and {@code shellcheck}, the driver by its exact command sequence.
 *
 * <p>
 * Seed behaviour reproduced: daemon preferred; one {@code etc/rc.d/<name>} per process with {@code # PROVIDE:} (the
 * name), {@code # REQUIRE:} (dependency names, then {@code requires}), {@code # KEYWORD:}; {@code . /etc/rc.subr},
 * {@code name}, {@code rcvar=<name>_enabled}, {@code load_rc_config}, {@code umask}, {@code command},
 * {@code command_args}, {@code pidfile}, {@code sig_stop}/{@code sig_reload} only when not the default,
 * {@code <name>_nice}, {@code <name>_chdir}, {@code <name>_user}; {@code initialize} as {@code start_precmd} (run as
 * root before rc.subr switches user); a foreground-only process daemonised with FreeBSD's {@code daemon(8)}; the
 * driver runs {@code rcorder} and {@code <script> onestart|onestop|onestatus}.
 *
 * <p>
 * Deliberate differences from the seed, each a fix:
 * <ul>
 * <li>PID file: {@code daemon(8)} always gets {@code -p} with the same path as {@code pidfile=}, and
 * {@code procname} names the daemonised program, so rc.subr finds and checks the process {@code daemon} started (the
 * seed passes {@code -p} only for an explicit {@code pidFile} while {@code pidfile=} uses the derived path: rc.subr
 * looks for a file nobody writes, §8). The {@code start_precmd} creates the PID and log directories.</li>
 * <li>{@code command_args} is shell-quoted as a whole, because rc.subr {@code eval}s it (the seed double-quotes it,
 * so {@code $} and backquotes in arguments run). With a user, rc.subr nests the command in
 * {@code su -m user -c 'sh -c "…"'}, which no quoting survives: an argument that needs quoting is refused with a
 * message instead of silently mangled.</li>
 * <li>The environment is exported in the script (shell-quoted) instead of a separate {@code <name>_env_file}, so the
 * script is self-contained; {@code PATH} from {@code path} is prefixed to rc's own instead of replacing it.</li>
 * <li>{@code <name>_enabled} defaults to {@code NO}, the rc.d convention, so a profile is only started at boot where
 * {@code rc.conf} enables it; the driver's {@code one*} commands do not need it.</li>
 * </ul>
 * {@code overrides.bsdrc} binds to {@code BsdrcParameters}: {@code requires}, {@code keywords} (default
 * {@code shutdown}), {@code rcSubr}, {@code stopSignal}, {@code reloadSignal}, {@code daemonTool}.
 */
@NullMarked
package nixproc.backend.bsdrc;

import org.jspecify.annotations.NullMarked;
