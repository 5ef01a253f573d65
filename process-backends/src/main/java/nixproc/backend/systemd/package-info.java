/**
 * systemd: one service unit per process, {@code etc/systemd/system/nix-process-<name>.service}, as the seed's
 * {@code nixproc/backends/systemd} produces (reference §3.4), driven with {@code systemctl} (system manager) or
 * {@code systemctl --user} (unprivileged profiles).
 *
 * <p>
 * Foreground-preferring: a foreground process is {@code Type=simple}; a daemon-only one is {@code Type=forking},
 * with {@code PIDFile=} when the model names a PID file. {@code initialize} is {@code ExecStartPre=+/bin/sh -e -c
 * …} (full privileges). {@code Wants=}/{@code After=} name the dependencies' units. {@code User=} only when user
 * change is allowed; {@code UMask=}, {@code Nice=}, {@code WorkingDirectory=}; {@code Restart=}/{@code RestartSec=}
 * and {@code StartLimitBurst=} from the restart policy; {@code TimeoutStopSec=} from {@code stopTimeout}. PATH, when
 * {@code path} is given, replaces systemd's default (the seed's rule) with the path's bin directories followed by
 * systemd's own default PATH.
 *
 * <p>
 * Deliberate differences from the seed, each a fix:
 * <ul>
 * <li>{@code Environment=} values are quoted and escaped (the seed writes {@code K=V} verbatim, §8): spaces,
 * quotes, backslashes, {@code %} specifiers and line breaks arrive byte-exact.</li>
 * <li>An {@code [Install]} section ({@code WantedBy=multi-user.target}; {@code default.target} for the user
 * manager, which has no multi-user.target), and the driver enables units, so they survive a reboot (§9.11).</li>
 * <li>Sections in systemd's conventional order {@code [Unit] [Service] [Install]} rather than alphabetical.</li>
 * <li>No {@code nix-process-<name>.service.wants/} directory: {@code Wants=} in the unit says the same, and
 * {@code systemctl enable} makes its own links.</li>
 * <li>{@code initialize} is inlined with {@code sh -c} instead of a separate prestart script, so the unit does not
 * depend on where the profile lands.</li>
 * </ul>
 * Overrides ({@code overrides.systemd}) bind to {@code SystemdParameters}: {@code Unit}, {@code Service},
 * {@code Install}, each key → value or array of values in unit-file syntax; {@code null} removes a key.
 */
@NullMarked
package nixproc.backend.systemd;

import org.jspecify.annotations.NullMarked;
