/**
 * The models of a network of machines, Disnix's deployment models (architecture §4): services, infrastructure,
 * distribution and idresources; reading them from JSON, YAML and Nix, validating them with every problem at once,
 * their canonical JSON form and the diff between two of them. Plain Java, shared by model-service, the coordinator and the CLI. (Named for the
 * network it describes, apart from {@code nixproc.coordinator.deployment}, the saga that deploys it, and
 * {@code nixproc.switching}, one machine's local switch.)
 */
@NullMarked
package nixproc.network;

import org.jspecify.annotations.NullMarked;
