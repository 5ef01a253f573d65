/**
 * Planning, without I/O: the manifest of a deployment model (rendered managed processes, cross-target dependencies,
 * Disnix-style content hashes), the diff against the committed manifest, and the waves of the transition.
 */
@NullMarked
package nixproc.coordinator.plan;

import org.jspecify.annotations.NullMarked;
