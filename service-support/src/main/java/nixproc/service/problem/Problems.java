package nixproc.service.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problems every nixproc service answers with, so MVC handlers and security filters agree. */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String detail, List<FieldProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	/** The same problem as a plain map, for code that writes the response itself (servlet filters). */
	public static Map<String, Object> asMap(HttpStatusCode status, String title, String detail, @Nullable String instance,
			List<FieldProblem> errors) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", URI.create("about:blank").toString());
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		if (instance != null) {
			body.put("instance", instance);
		}
		body.put("errors", errors);
		return body;
	}

}
