/**
 * synit (syndicate-server): {@code etc/syndicate/services/<name>.pr}, the service assertions in Preserves text that
 * the seed's unmerged synit backend (PR #5, reference §3.10) produces: {@code <metadata <daemon NAME> {description:
 * …}>}, {@code <require-service <daemon NAME>>}, a {@code <depends-on …>} per dependency, an {@code initialize-NAME}
 * daemon ({@code readyOnStart: #f}, {@code restart: on-error}) that NAME depends on reaching {@code complete}, and
 * {@code <daemon NAME {argv: […] dir: "…" env: {…}}>}. Every string is escaped with
 * {@link nixproc.escape.Preserves}. The driver symlinks the files into syndicate-server's watched directory.
 *
 * <p>
 * Deliberate differences from the seed, each a fix:
 * <ul>
 * <li>A dependency is {@code <depends-on <daemon NAME> <service-state <daemon DEP> ready>>}; the seed put the bare
 * {@code <daemon DEP>} where a service state belongs.</li>
 * <li>{@code user}, {@code umask} and {@code nice} are applied through an {@code sh -c} wrapper in {@code argv}
 * (the seed ignored umask and nice, and its user switch produced a one-string argv).</li>
 * <li>A daemon-only process is followed through its PID file by the same wrapper, instead of the external
 * {@code undaemonize} tool.</li>
 * <li>{@code restart} comes from the restart policy ({@code always}, {@code on-error}, {@code never}).</li>
 * <li>The driver asserts each file once and atomically (the seed re-asserted every file on every deployment and
 * read old files from the wrong directory).</li>
 * </ul>
 * Overrides ({@code overrides.synit}) bind to {@code SynitParameters}: {@code requireService}, {@code dependsOn}
 * (raw Preserves values), {@code readyOnStart}.
 */
@NullMarked
package nixproc.backend.synit;

import org.jspecify.annotations.NullMarked;
