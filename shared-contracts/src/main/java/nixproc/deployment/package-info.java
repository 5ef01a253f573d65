/**
 * The Disnix-style deployment models (architecture §4): services, infrastructure, distribution and idresources;
 * reading them from JSON, YAML and Nix, validating them with every problem at once, their canonical JSON form and
 * the diff between two of them. Plain Java, shared by model-service, the coordinator and the CLI.
 */
@NullMarked
package nixproc.deployment;

import org.jspecify.annotations.NullMarked;
