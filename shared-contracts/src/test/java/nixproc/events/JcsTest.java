package nixproc.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** RFC 8785 vectors (§3.2.2, §3.2.3, Appendix B) and properties of the canonical form. */
class JcsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Example // #17
	void loneSurrogatesAndIntegersBeyondTwoToThe53AreRefusedNotSignedAlike() {
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonicalize(JsonNodeFactory.instance.stringNode("a\ud800")))
			.withMessageContaining("lone UTF-16 surrogate");
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonicalize(JsonNodeFactory.instance.stringNode("\udc00a")))
			.withMessageContaining("lone UTF-16 surrogate");
		assertThat(Jcs.canonicalize(JsonNodeFactory.instance.stringNode("\ud83d\ude00"))).isEqualTo("\"\ud83d\ude00\"");
		// 2^53 + 1 is no double: it would be signed as 2^53 is
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonicalize(JSON.readTree("9007199254740993")))
			.withMessageContaining("beyond 2^53");
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonicalize(JSON.readTree("-9007199254740993")))
			.withMessageContaining("beyond 2^53");
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonicalize(JSON.readTree("123456789012345678901")))
			.withMessageContaining("beyond 2^53");
		assertThat(Jcs.canonicalize(JSON.readTree("9007199254740992"))).isEqualTo("9007199254740992");
		// 2^53 + 2 is a double, the canonical form of a double that large
		assertThat(Jcs.canonicalize(JSON.readTree("9007199254740994"))).isEqualTo("9007199254740994");
		// a receiver meets them as a bad signature, not as an exception
		ObjectNode payload = JSON.createObjectNode().put("text", "x\ud800");
		Envelope envelope = new Envelope("e", "Lock", 1, java.time.Instant.EPOCH, "coordinator", "alpha", payload,
				java.util.Optional.of("AAAA"));
		assertThat(new EnvelopeVerifier(Ed25519Keys.generate().getPublic()).verify(envelope))
			.isEqualTo(EnvelopeVerifier.Verdict.BAD_SIGNATURE);
	}

	@Example
	void rfc8785Section322Example() {
		String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
				+ "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
				+ "  \"literals\": [null, true, false]\n}";
		assertThat(Jcs.canonicalize(JSON.readTree(input))).isEqualTo("{\"literals\":[null,true,false],"
				+ "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
	}

	@Example
	void rfc8785Section323SortsByUtf16CodeUnits() {
		String input = "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With "
				+ "Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\", "
				+ "\"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
		JsonNode sorted = JSON.readTree(Jcs.canonicalize(JSON.readTree(input)));
		assertThat(sorted.values()).extracting(JsonNode::stringValue)
			.containsExactly("Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
					"Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh");
	}

	@Example
	void rfc8785AppendixBNumbers() {
		Map<String, String> vectors = Map.ofEntries(Map.entry("0000000000000000", "0"),
				Map.entry("8000000000000000", "0"), Map.entry("0000000000000001", "5e-324"),
				Map.entry("8000000000000001", "-5e-324"), Map.entry("7fefffffffffffff", "1.7976931348623157e+308"),
				Map.entry("ffefffffffffffff", "-1.7976931348623157e+308"),
				Map.entry("4340000000000000", "9007199254740992"), Map.entry("c340000000000000", "-9007199254740992"),
				Map.entry("4430000000000000", "295147905179352830000"),
				Map.entry("44b52d02c7e14af5", "9.999999999999997e+22"), Map.entry("44b52d02c7e14af6", "1e+23"),
				Map.entry("44b52d02c7e14af7", "1.0000000000000001e+23"),
				Map.entry("444b1ae4d6e2ef4e", "999999999999999700000"),
				Map.entry("444b1ae4d6e2ef4f", "999999999999999900000"), Map.entry("444b1ae4d6e2ef50", "1e+21"),
				Map.entry("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"), Map.entry("3eb0c6f7a0b5ed8d", "0.000001"),
				Map.entry("41b3de4355555553", "333333333.3333332"), Map.entry("41b3de4355555554", "333333333.33333325"),
				Map.entry("41b3de4355555555", "333333333.3333333"), Map.entry("41b3de4355555556", "333333333.3333334"),
				Map.entry("41b3de4355555557", "333333333.33333343"),
				Map.entry("becbf647612f3696", "-0.0000033333333333333333"),
				Map.entry("43143ff3c1cb0959", "1424953923781206.2"));
		vectors.forEach((hex, expected) -> assertThat(
				Jcs.number(Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16)))).as(hex).isEqualTo(expected));
	}

	@Example
	void nanAndInfinityHaveNoCanonicalForm() {
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.number(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.number(Double.POSITIVE_INFINITY));
	}

	@Property(tries = 3000)
	void everyFiniteDoubleReadsBackAsItself(@ForAll("finiteDoubles") double value) {
		String text = Jcs.number(value);
		assertThat(Double.parseDouble(text)).isEqualTo(value == 0 ? 0.0 : value);
		// canonical numbers never carry a redundant mantissa zero or a plus sign in front
		assertThat(text).doesNotStartWith("+").doesNotContain(".e").doesNotEndWith(".");
	}

	@Property(tries = 3000)
	void integersUpTo2To53PrintAsPlainIntegers(@ForAll("safeIntegers") long value) {
		assertThat(Jcs.number(value)).isEqualTo(Long.toString(value));
	}

	@Property(tries = 500)
	void propertyOrderAndWhitespaceDoNotChangeTheCanonicalForm(@ForAll("documents") JsonNode document,
			@ForAll long seed) {
		String canonical = Jcs.canonicalize(document);
		JsonNode shuffled = shuffle(document, new Random(seed));
		assertThat(Jcs.canonicalize(shuffled)).isEqualTo(canonical);
		assertThat(Jcs.canonicalize(JSON.readTree(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(shuffled))))
			.isEqualTo(canonical);
	}

	@Property(tries = 500)
	void canonicalFormIsAFixedPointAndMeansTheSame(@ForAll("documents") JsonNode document) {
		String canonical = Jcs.canonicalize(document);
		JsonNode reparsed = JSON.readTree(canonical);
		assertThat(Jcs.canonicalize(reparsed)).isEqualTo(canonical);
		// the same document up to number representation: 0.0 and 0 denote the same double
		assertThat(reparsed.equals(JcsTest::sameValue, document)).as(canonical).isTrue();
	}

	@Provide
	Arbitrary<Double> finiteDoubles() {
		return Arbitraries.oneOf(Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
				Arbitraries.doubles(), Arbitraries.integers().map(i -> i / 1000.0));
	}

	@Provide
	Arbitrary<Long> safeIntegers() {
		return Arbitraries.longs().between(-(1L << 53), 1L << 53);
	}

	@Provide
	Arbitrary<JsonNode> documents() {
		return document(3);
	}

	private Arbitrary<JsonNode> document(int depth) {
		if (depth == 0) {
			return leaf();
		}
		return Arbitraries.oneOf(leaf(), object(depth - 1), array(depth - 1));
	}

	private Arbitrary<JsonNode> leaf() {
		JsonNodeFactory f = JsonNodeFactory.instance;
		return Arbitraries.oneOf(text(8).map(s -> (JsonNode) f.stringNode(s)),
				Arbitraries.integers().map(i -> (JsonNode) f.numberNode(i)),
				Arbitraries.doubles().map(d -> (JsonNode) f.numberNode(d)),
				Arbitraries.of(f.booleanNode(true), f.booleanNode(false), f.nullNode()));
	}

	/**
	 * Any Unicode text: every char, but no lone surrogate, which is not text and which the canonicaliser refuses
	 * (loneSurrogatesAndIntegersBeyondTwoToThe53AreRefusedNotSignedAlike).
	 */
	private static Arbitrary<String> text(int maxLength) {
		return Arbitraries.strings()
			.all()
			.ofMaxLength(maxLength)
			.filter(s -> new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
					java.nio.charset.StandardCharsets.UTF_8).equals(s));
	}

	private Arbitrary<JsonNode> object(int depth) {
		return Arbitraries.maps(text(6), document(depth)).ofMaxSize(4).map(map -> {
			ObjectNode node = JsonNodeFactory.instance.objectNode();
			map.forEach(node::set);
			return node;
		});
	}

	private Arbitrary<JsonNode> array(int depth) {
		return document(depth).list().ofMaxSize(4).map(list -> {
			var node = JsonNodeFactory.instance.arrayNode();
			list.forEach(node::add);
			return node;
		});
	}

	private static int sameValue(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return Double.compare(a.doubleValue() + 0.0, b.doubleValue() + 0.0);
		}
		return a.equals(b) ? 0 : 1;
	}

	private static JsonNode shuffle(JsonNode node, Random random) {
		if (node.isObject()) {
			List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
			Collections.shuffle(entries, random);
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			entries.forEach(e -> copy.set(e.getKey(), shuffle(e.getValue(), random)));
			return copy;
		}
		if (node.isArray()) {
			var copy = JsonNodeFactory.instance.arrayNode();
			node.forEach(child -> copy.add(shuffle(child, random)));
			return copy;
		}
		return node;
	}

}
