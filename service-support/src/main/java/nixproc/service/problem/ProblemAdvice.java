package nixproc.service.problem;

import java.util.ArrayList;
import java.util.List;

import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.network.NixEvaluator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every exception a controller lets escape into problem+json with an {@code errors} array. Spring MVC's own
 * exceptions (405, 406, 415, missing parameters, unknown paths) come through {@link ResponseEntityExceptionHandler};
 * malformed JSON becomes a 400 that points at the place; anything unexpected is a 500 that leaks no internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		return ResponseEntity.status(ex.status()).body(Problems.detail(ex.document()));
	}

	/** Method security says no: the token is known but its role is too weak. */
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(Problems.of(HttpStatus.FORBIDDEN, "The token's role does not allow this request", List.of()));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthorized(AuthenticationException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(Problems.of(HttpStatus.UNAUTHORIZED, "A valid bearer token is required", List.of()));
	}

	/** Every Nix evaluation slot of this service is taken: the input may be fine, the server is busy. */
	@ExceptionHandler(NixEvaluator.Busy.class)
	ResponseEntity<ProblemDetail> busy(NixEvaluator.Busy ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), List.of()));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		String message = "'" + ex.getValue() + "' is not a valid value for " + ex.getName();
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, message, List.of(new Problem("", message))));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected failure of {}", request.getDescription(false), ex);
		return ResponseEntity.internalServerError()
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
					"Internal error; the service log has the details", List.of()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Problem problem = unreadable(ex);
		String detail = problem.pointer().isEmpty() ? problem.message() : problem.pointer() + ": " + problem.message();
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, detail, List.of(problem)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Problem> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach(error -> errors.add(new Problem(
				"/" + error.getField().replaceAll("\\[(\\d+)]", "/$1").replace('.', '/'),
				String.valueOf(error.getDefaultMessage()))));
		ex.getBindingResult().getGlobalErrors()
			.forEach(error -> errors.add(new Problem("", String.valueOf(error.getDefaultMessage()))));
		ProblemException problem = ProblemException.badRequest(errors);
		return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, problem.getMessage(), errors));
	}

	/** Every other problem Spring MVC builds gets the errors array too, so clients parse one shape. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response == null) {
			return ResponseEntity.status(statusCode).build();
		}
		if (response.getBody() instanceof ProblemDetail detail
				&& (detail.getProperties() == null || !detail.getProperties().containsKey("errors"))) {
			detail.setProperty("errors", List.of());
		}
		return response;
	}

	/** Where and why the body could not be read, as a pointer (when Jackson knows the path) and a message. */
	static Problem unreadable(HttpMessageNotReadableException ex) {
		JacksonException jackson = find(ex, JacksonException.class);
		if (jackson == null) {
			return new Problem("", "The request body is missing or unreadable");
		}
		IllegalArgumentException invariant = find(jackson, IllegalArgumentException.class);
		String reason = invariant != null && invariant.getMessage() != null ? invariant.getMessage()
				: firstLine(jackson.getOriginalMessage());
		if (jackson instanceof StreamReadException) {
			TokenStreamLocation at = jackson.getLocation();
			String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
			return new Problem("", "Malformed JSON" + where + ": " + reason);
		}
		return new Problem(Pointers.of("", jackson.getPath()), reason);
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "unreadable value";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

}
