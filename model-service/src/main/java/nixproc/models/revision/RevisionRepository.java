package nixproc.models.revision;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RevisionRepository extends JpaRepository<Revision, String> {

	/** 1 when the row was written, 0 when a revision with this id exists already. */
	@Modifying
	@Query(value = """
			INSERT INTO revision (id, parent, author, message, created_at, canonical, source, services, targets, mappings)
			VALUES (:id, :parent, :author, :message, :createdAt, :canonical, :source, :services, :targets, :mappings)
			ON CONFLICT (id) DO NOTHING""", nativeQuery = true)
	int insertIfAbsent(@Param("id") String id, @Param("parent") @Nullable String parent, @Param("author") String author,
			@Param("message") String message, @Param("createdAt") Instant createdAt, @Param("canonical") String canonical,
			@Param("source") String source, @Param("services") int services, @Param("targets") int targets,
			@Param("mappings") int mappings);

	String HEAD = "SELECT new nixproc.models.revision.RevisionHead(r.id, r.parent, r.author, r.message, r.createdAt, "
			+ "r.services, r.targets, r.mappings) FROM Revision r ";

	@Query(HEAD + "WHERE r.id = :id")
	Optional<RevisionHead> findHead(@Param("id") String id);

	@Query(value = HEAD + "ORDER BY r.seq DESC", countQuery = "SELECT count(r) FROM Revision r")
	Page<RevisionHead> findHeads(Pageable page);

	@Query(value = "SELECT id FROM revision ORDER BY seq DESC LIMIT 1", nativeQuery = true)
	Optional<String> findNewestId();

}
