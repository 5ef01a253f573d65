package nixproc.service.problem;

import java.util.List;

import nixproc.model.Problem;
import nixproc.problem.ProblemDocument;
import org.springframework.http.HttpStatus;

/**
 * Thrown by a service to answer with a problem: the status, a one-line detail, and the fields at fault. The
 * transaction it escapes from rolls back, so nothing is written.
 */
public class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final List<Problem> errors;

	public ProblemException(HttpStatus status, String detail, List<Problem> errors) {
		super(detail);
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	/** 400 for these fields; the detail summarises the first. */
	public static ProblemException badRequest(List<Problem> errors) {
		String detail = errors.isEmpty() ? "Invalid request"
				: errors.size() == 1 ? errors.get(0).pointer() + ": " + errors.get(0).message()
						: errors.size() + " invalid fields, the first " + errors.get(0).pointer() + ": "
								+ errors.get(0).message();
		return new ProblemException(HttpStatus.BAD_REQUEST, detail, errors);
	}

	public static ProblemException badRequest(String pointer, String message) {
		return badRequest(List.of(new Problem(pointer, message)));
	}

	public static ProblemException notFound(String detail) {
		return new ProblemException(HttpStatus.NOT_FOUND, detail, List.of());
	}

	public static ProblemException conflict(String detail, List<Problem> errors) {
		return new ProblemException(HttpStatus.CONFLICT, detail, errors);
	}

	public HttpStatus status() {
		return status;
	}

	public List<Problem> errors() {
		return errors;
	}

	/** The problem document the service answers with. */
	public ProblemDocument document() {
		return Problems.document(status, getMessage(), errors);
	}

}
