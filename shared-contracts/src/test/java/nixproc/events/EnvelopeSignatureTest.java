package nixproc.events;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeSignatureTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeyPair coordinator = Ed25519Keys.generate();

	private final EnvelopeSigner signer = new EnvelopeSigner(coordinator.getPrivate());

	private final EnvelopeVerifier verifier = new EnvelopeVerifier(coordinator.getPublic());

	private final Envelope unlock = EventCodec.envelope(new Unlock("c-1", "d-1", "s-1", 3, "alpha",
			Instant.parse("2030-01-01T00:00:00Z")), Instant.parse("2029-12-31T23:59:00Z"));

	@Test
	void signedEnvelopeVerifiesAfterATripThroughReorderedPrettyJson() {
		Envelope signed = signer.sign(unlock);
		ObjectNode json = signed.toJson();
		// another JSON library may order and space fields differently; the canonical form does not care
		ObjectNode reordered = JSON.createObjectNode();
		reordered.set("payload", json.get("payload"));
		json.properties().forEach(e -> reordered.set(e.getKey(), e.getValue()));
		Envelope received = Envelope.parse(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reordered));
		assertThat(verifier.verify(received)).isEqualTo(EnvelopeVerifier.Verdict.VALID);
	}

	@Test
	void everyChangeToASignedFieldBreaksTheSignature() {
		Envelope signed = signer.sign(unlock);
		ObjectNode payload = (ObjectNode) signed.payload().deepCopy();
		payload.put("target", "beta");
		Envelope retargeted = new Envelope(signed.id(), signed.type(), signed.schemaVersion(), signed.time(),
				signed.source(), signed.key(), payload, signed.signature());
		Envelope retyped = new Envelope(signed.id(), "Lock", signed.schemaVersion(), signed.time(), signed.source(),
				signed.key(), signed.payload(), signed.signature());
		Envelope redated = new Envelope(signed.id(), signed.type(), signed.schemaVersion(), signed.time().plusSeconds(1),
				signed.source(), signed.key(), signed.payload(), signed.signature());
		assertThat(verifier.verify(retargeted)).isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
		assertThat(verifier.verify(retyped)).isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
		assertThat(verifier.verify(redated)).isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
	}

	@Test
	void anotherKeyAGarbledSignatureAndNoSignatureAreRefused() {
		Envelope forged = new EnvelopeSigner(Ed25519Keys.generate().getPrivate()).sign(unlock);
		assertThat(verifier.verify(forged)).isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
		assertThat(verifier.verify(unlock.withSignature("not base64!"))).isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
		assertThat(verifier.verify(unlock.withSignature("AAAA"))).isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
		assertThat(verifier.verify(unlock)).isEqualTo(EnvelopeVerifier.Verdict.UNSIGNED);
	}

	@Test
	void keysSurviveTheirBase64Encodings() {
		String pub = Ed25519Keys.encode(coordinator.getPublic());
		String priv = Ed25519Keys.encode(coordinator.getPrivate());
		Envelope signed = new EnvelopeSigner(Ed25519Keys.privateKey(priv)).sign(unlock);
		assertThat(new EnvelopeVerifier(Ed25519Keys.publicKey(pub)).verify(signed))
			.isEqualTo(EnvelopeVerifier.Verdict.VALID);
		// the X.509 SubjectPublicKeyInfo of an Ed25519 key is 44 bytes: 12 of header, 32 of key
		assertThat(java.util.Base64.getDecoder().decode(pub)).hasSize(44);
		assertThatIllegalArgumentException().isThrownBy(() -> Ed25519Keys.publicKey("bm90IGEga2V5"))
			.withMessageContaining("Ed25519 public key");
	}

	@Test
	void theSignatureCoversTheCanonicalEnvelopeWithoutSignature() {
		Envelope signed = signer.sign(unlock);
		assertThat(new String(signed.signedBytes(), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo(Jcs.canonicalize(unlock.toJson()))
			.startsWith("{\"id\":\"c-1\",\"key\":\"alpha\",\"payload\":{")
			.doesNotContain("signature");
	}

	@Test
	void malformedEnvelopesNameTheField() {
		assertThatThrownBy(() -> Envelope.parse("{oops")).isInstanceOf(EventFormatException.class)
			.hasMessageStartingWith("not JSON");
		ObjectNode json = unlock.toJson();
		json.remove("time");
		assertThatThrownBy(() -> Envelope.parse(json.toString())).hasMessage("time: must be a string");
		json.put("time", "yesterday");
		assertThatThrownBy(() -> Envelope.parse(json.toString())).hasMessage("time: not an ISO-8601 instant");
		assertThat(Envelope.parse(unlock.toJsonText()).signature()).isEqualTo(Optional.empty());
	}

	@Test // #17
	void duringARotationEitherTrustedKeyVerifiesAndNoOtherDoes() {
		KeyPair next = Ed25519Keys.generate();
		EnvelopeVerifier both = new EnvelopeVerifier(List.of(coordinator.getPublic(), next.getPublic()));
		assertThat(both.verify(signer.sign(unlock))).isEqualTo(EnvelopeVerifier.Verdict.VALID);
		assertThat(both.verify(new EnvelopeSigner(next.getPrivate()).sign(unlock)))
			.isEqualTo(EnvelopeVerifier.Verdict.VALID);
		assertThat(both.verify(new EnvelopeSigner(Ed25519Keys.generate().getPrivate()).sign(unlock)))
			.isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
		// one file may hold both public keys, as PEM blocks or one base64 key a line
		String pem = Ed25519Keys.pem(coordinator.getPublic()) + Ed25519Keys.pem(next.getPublic());
		assertThat(Ed25519Keys.publicKeys(pem)).containsExactly(coordinator.getPublic(), next.getPublic());
		String lines = Ed25519Keys.encode(coordinator.getPublic()) + "\n" + Ed25519Keys.encode(next.getPublic()) + "\n";
		assertThat(Ed25519Keys.publicKeys(lines)).containsExactly(coordinator.getPublic(), next.getPublic());
	}

}
