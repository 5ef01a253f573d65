package nixproc.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import nixproc.model.Problem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem document as every nixproc service answers a request it refuses, and as every client reads
 * one: the standard members, and {@code errors}, one {@link Problem} ({@code { "pointer": "/services/0/name",
 * "message": "…" }}) per field at fault, the same record that names a fault in a model.
 *
 * @param type a URI reference naming the kind of problem; {@value #ABOUT_BLANK} when the status says it all
 * @param title the status's reason phrase for {@value #ABOUT_BLANK}
 * @param status the HTTP status
 * @param detail what went wrong, in one line
 * @param instance the request path it happened at
 * @param errors the fields at fault, possibly none
 */
public record ProblemDocument(String type, String title, int status,
		@JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> detail,
		@JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> instance, List<Problem> errors) {

	/** The media type of a problem document. */
	public static final String MEDIA_TYPE = "application/problem+json";

	/** RFC 9457's type for a problem that its status describes. */
	public static final String ABOUT_BLANK = "about:blank";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public ProblemDocument {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(detail, "detail");
		Objects.requireNonNull(instance, "instance");
		errors = List.copyOf(errors);
	}

	/** A problem as the services write one: of type {@value #ABOUT_BLANK}, not yet placed at a request. */
	public static ProblemDocument of(int status, String title, String detail, List<Problem> errors) {
		return new ProblemDocument(ABOUT_BLANK, title, status, Optional.of(detail), Optional.empty(), errors);
	}

	/** The same problem at a request path. */
	public ProblemDocument at(String path) {
		return new ProblemDocument(type, title, status, detail, Optional.of(path), errors);
	}

	/**
	 * Reads a refusal's body, leniently, as it may come from a proxy as well as from a nixproc service: empty unless
	 * the body is a JSON object; a member it lacks is {@value #ABOUT_BLANK} ({@code type}), {@code ""} ({@code title}
	 * and the two members of an error), absent ({@code detail} and {@code instance}, also when they are not a string,
	 * number or boolean) or {@code httpStatus} ({@code status}).
	 *
	 * @param httpStatus the status of the response that carried the body
	 */
	public static Optional<ProblemDocument> read(int httpStatus, String body) {
		JsonNode root;
		try {
			root = body.isBlank() ? null : JSON.readTree(body);
		}
		catch (JacksonException notJson) {
			return Optional.empty();
		}
		if (root == null || !root.isObject()) {
			return Optional.empty();
		}
		List<Problem> errors = new ArrayList<>();
		root.path("errors")
			.forEach(error -> errors.add(new Problem(error.path("pointer").asString(""), error.path("message").asString(""))));
		return Optional.of(new ProblemDocument(root.path("type").asString(ABOUT_BLANK), root.path("title").asString(""),
				root.path("status").isIntegralNumber() ? root.get("status").asInt() : httpStatus, text(root, "detail"),
				text(root, "instance"), errors));
	}

	/** A member that is a string, number or boolean, as text. */
	private static Optional<String> text(JsonNode root, String member) {
		JsonNode value = root.path(member);
		return value.isValueNode() && !value.isNull() ? Optional.of(value.asString()) : Optional.empty();
	}

}
