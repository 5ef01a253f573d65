package nixproc.service.problem;

import java.net.URI;
import java.util.List;

import nixproc.model.Problem;
import nixproc.problem.ProblemDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The problems every nixproc service answers with, as {@link ProblemDocument}s, so that MVC handlers and servlet
 * filters agree: handlers hand Spring MVC a {@link ProblemDetail} made from one (Spring negotiates the media type and
 * fills in the request path), filters write the document themselves.
 */
public final class Problems {

	private Problems() {
	}

	/** A service's problem: of type {@code about:blank}, titled by its status. */
	public static ProblemDocument document(HttpStatusCode status, String detail, List<Problem> errors) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return ProblemDocument.of(status.value(), known == null ? "" : known.getReasonPhrase(), detail, errors);
	}

	/** {@link #detail(ProblemDocument)} of {@link #document}. */
	public static ProblemDetail of(HttpStatusCode status, String detail, List<Problem> errors) {
		return detail(document(status, detail, errors));
	}

	/**
	 * The document as Spring MVC's {@link ProblemDetail}, which renders the same members: {@code errors} as a
	 * property; type and title only where they differ from what Spring derives from the status, so that it writes
	 * them as it always has.
	 */
	public static ProblemDetail detail(ProblemDocument document) {
		ProblemDetail detail = ProblemDetail.forStatus(document.status());
		if (!document.type().equals(ProblemDocument.ABOUT_BLANK)) {
			detail.setType(URI.create(document.type()));
		}
		if (!document.title().isEmpty() && !document.title().equals(detail.getTitle())) {
			detail.setTitle(document.title());
		}
		document.detail().ifPresent(detail::setDetail);
		document.instance().map(URI::create).ifPresent(detail::setInstance);
		detail.setProperty("errors", document.errors());
		return detail;
	}

}
