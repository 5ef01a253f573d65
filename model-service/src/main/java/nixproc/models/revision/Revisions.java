package nixproc.models.revision;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import nixproc.model.Problem;
import nixproc.models.parse.ModelParser;
import nixproc.models.parse.ParsedModelSet;
import nixproc.network.DeploymentDiff;
import nixproc.service.problem.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Stores and reads revisions. Content decides identity: the same canonical form is the same revision. */
@Service
class Revisions {

	private final RevisionRepository repository;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	Revisions(RevisionRepository repository, ApplicationEventPublisher events, JsonMapper json) {
		this.repository = repository;
		this.events = events;
		this.json = json;
	}

	/** The stored revision and whether this call created it. */
	record Stored(RevisionHead revision, boolean created) {
	}

	/**
	 * Stores the revision unless its content exists. The parent is the one the set names, else the newest revision;
	 * the event is published in the same transaction, so it exists exactly when the row does.
	 */
	@Transactional
	Stored store(ParsedModelSet parsed, String source, String author) {
		Optional<RevisionHead> existing = repository.findHead(parsed.id());
		if (existing.isPresent()) {
			return new Stored(existing.get(), false);
		}
		Optional<String> parent = parsed.parent().isPresent() ? parsed.parent().map(this::existingParent)
				: repository.findNewestId();
		// PostgreSQL keeps microseconds; the event must carry the same instant the row does
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String message = parsed.message().orElse("");
		int services = parsed.model().services().size();
		int targets = parsed.model().infrastructure().size();
		int mappings = parsed.model().distribution().values().stream().mapToInt(List::size).sum();
		int written = repository.insertIfAbsent(parsed.id(), parent.orElse(null), author, message, now,
				parsed.canonicalText(), source, services, targets, mappings);
		RevisionHead revision = repository.findHead(parsed.id()).orElseThrow();
		if (written == 0) {
			// an identical submission committed between our read and our insert
			return new Stored(revision, false);
		}
		events.publishEvent(new ModelRevisionCreated(parsed.id(), parent, author, message, now, services, targets, mappings));
		return new Stored(revision, true);
	}

	@Transactional(readOnly = true)
	Revision get(String id) {
		if (!ModelParser.REVISION_ID.matcher(id).matches()) {
			throw ProblemException.badRequest("", "'" + abbreviate(id) + "' is not a revision id (64 lower-case hex digits)");
		}
		return repository.findById(id).orElseThrow(() -> ProblemException.notFound("No revision " + id));
	}

	@Transactional(readOnly = true)
	Page<RevisionHead> page(int page, int size) {
		return repository.findHeads(PageRequest.of(page, size));
	}

	@Transactional(readOnly = true)
	DeploymentDiff diff(String from, String to) {
		Revision a = get(from);
		Revision b = get(to);
		return DeploymentDiff.between(json.readTree(a.canonical()), json.readTree(b.canonical()));
	}

	private String existingParent(String id) {
		if (!repository.existsById(id)) {
			throw ModelParser.unprocessable(List.of(new Problem("/parent", "no revision " + id)));
		}
		return id;
	}

	private static String abbreviate(String text) {
		return text.length() > 80 ? text.substring(0, 80) + "…" : text;
	}

}
