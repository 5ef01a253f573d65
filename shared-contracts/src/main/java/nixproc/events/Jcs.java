package nixproc.events;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * RFC 8785 JSON Canonicalization Scheme: object properties sorted by their UTF-16 code units, no whitespace,
 * strings with the minimal JSON escapes, and numbers as ECMAScript's {@code Number.prototype.toString} prints the
 * IEEE 754 double they denote. Signatures are computed over these bytes so that two JSON libraries (or two
 * versions of one) that order or space a document differently still agree on what was signed.
 */
public final class Jcs {

	private Jcs() {
	}

	/** The canonical text of {@code node}. */
	public static String canonicalize(JsonNode node) {
		StringBuilder out = new StringBuilder();
		write(node, out);
		return out.toString();
	}

	/** The canonical UTF-8 bytes of {@code node}: what is signed. */
	public static byte[] canonicalBytes(JsonNode node) {
		return canonicalize(node).getBytes(StandardCharsets.UTF_8);
	}

	private static void write(JsonNode node, StringBuilder out) {
		if (node.isObject()) {
			List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
			// String.compareTo compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
			entries.sort(Map.Entry.comparingByKey());
			out.append('{');
			for (int i = 0; i < entries.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				writeString(entries.get(i).getKey(), out);
				out.append(':');
				write(entries.get(i).getValue(), out);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(node.get(i), out);
			}
			out.append(']');
		}
		else if (node.isString()) {
			writeString(node.stringValue(), out);
		}
		else if (node.isNumber()) {
			// I-JSON numbers are doubles: above 2^53 several integers share one double, and so one canonical form, and
			// a signature would cover them all. An integer is taken only as the canonical form of its own double.
			String canonical = number(node.doubleValue());
			if (node.isIntegralNumber() && node.bigIntegerValue().abs().compareTo(EXACT) > 0
					&& !canonical.equals(node.bigIntegerValue().toString())) {
				throw new IllegalArgumentException("the integer " + node + " is beyond 2^53, where it would be signed as "
						+ canonical + " is; RFC 8785 cannot canonicalise it");
			}
			out.append(canonical);
		}
		else if (node.isBoolean()) {
			out.append(node.booleanValue());
		}
		else if (node.isNull()) {
			out.append("null");
		}
		else {
			throw new IllegalArgumentException("not representable in JSON: " + node.getNodeType());
		}
	}

	/** 2^53: the integers up to it are exactly doubles. */
	private static final java.math.BigInteger EXACT = java.math.BigInteger.TWO.pow(53);

	private static void writeString(String s, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			// a lone surrogate is no Unicode text: UTF-8 writes it as '?', so distinct strings would be signed alike
			if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
					|| Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
				throw new IllegalArgumentException("a lone UTF-16 surrogate (\\u" + Integer.toHexString(c)
						+ ") at index " + i + " is not text RFC 8785 can canonicalise");
			}
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/**
	 * ECMAScript's Number-to-String (ECMA-262 §7.1.12.1). The digits are the shortest that read back as the same
	 * double; JDK 17's {@link Double#toString} is not always shortest (JDK-4511638, fixed in 19), so they are
	 * searched with {@link BigDecimal} rounding instead.
	 */
	static String number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new IllegalArgumentException("RFC 8785 has no representation for " + value);
		}
		if (value == 0) {
			return "0";
		}
		String sign = value < 0 ? "-" : "";
		BigDecimal exact = new BigDecimal(Math.abs(value));
		BigDecimal shortest = exact;
		for (int precision = 1; precision <= 17; precision++) {
			BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (candidate.doubleValue() == Math.abs(value)) {
				shortest = candidate;
				break;
			}
		}
		shortest = shortest.stripTrailingZeros();
		String digits = shortest.unscaledValue().toString();
		int k = digits.length();
		// value = 0.digits × 10^n in the notation of ECMA-262
		int n = k - shortest.scale();
		StringBuilder out = new StringBuilder(sign);
		if (k <= n && n <= 21) {
			out.append(digits).append("0".repeat(n - k));
		}
		else if (0 < n && n <= 21) {
			out.append(digits, 0, n).append('.').append(digits, n, k);
		}
		else if (-6 < n && n <= 0) {
			out.append("0.").append("0".repeat(-n)).append(digits);
		}
		else {
			int e = n - 1;
			out.append(digits.charAt(0));
			if (k > 1) {
				out.append('.').append(digits, 1, k);
			}
			out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
		}
		return out.toString();
	}

}
