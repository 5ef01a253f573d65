/**
 * The events that travel over Kafka (architecture §5, api.md "Kafka topics and envelopes"): the versioned
 * {@link nixproc.events.Envelope}, its RFC 8785 canonical form ({@link nixproc.events.Jcs}) and Ed25519 signature
 * ({@link nixproc.events.EnvelopeSigner}, {@link nixproc.events.EnvelopeVerifier}), the coordinator's
 * {@link nixproc.events.Command}s and the agents' {@link nixproc.events.AgentEvent}s, mapped to and from envelopes
 * by {@link nixproc.events.EventCodec}. Plain Java and Jackson; a mapping's managed process stays a JSON tree here so
 * that the wire format does not move whenever the model classes do.
 */
@NullMarked
package nixproc.events;

import org.jspecify.annotations.NullMarked;
