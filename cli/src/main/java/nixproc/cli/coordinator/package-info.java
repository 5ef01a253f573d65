/**
 * The commands that talk to the coordinator's REST API (api.md): {@code deploy} (Disnix's {@code disnix-env}),
 * {@code plan}, {@code status}, {@code rollback}, {@code generations}, {@code targets}. Plain {@code java.net.http}
 * and Jackson; no Spring (architecture §2 keeps the cli free of it).
 */
@NullMarked
package nixproc.cli.coordinator;

import org.jspecify.annotations.NullMarked;
