package nixproc.idservice;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import nixproc.idservice.assignment.IdsAssigned;
import nixproc.idservice.assignment.IdsReleased;
import nixproc.testsupport.IntegrationServices;
import nixproc.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Publications left in the outbox by a version whose classes were in {@code nixproc.ids} are republished after the move. */
class EventTypeMigrationTest {

	@Test // #15
	void outstandingPublicationsFollowTheirClassesToNixprocIdservice() throws SQLException {
		TestDatabase db = IntegrationServices.get().newDatabase();
		flyway(db, "2").migrate();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement statement = connection.createStatement()) {
			for (String type : List.of("nixproc.ids.assignment.IdsAssigned", "nixproc.ids.assignment.IdsReleased",
					"other.Event")) {
				statement.execute("INSERT INTO ids.event_publication (id, listener_id, event_type, serialized_event, "
						+ "publication_date) VALUES (gen_random_uuid(), 'ids.assignment.to-kafka', '" + type + "', '{}', now())");
			}

			flyway(db, "latest").migrate();

			List<String> types = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("SELECT event_type FROM ids.event_publication ORDER BY 1")) {
				while (rows.next()) {
					types.add(rows.getString(1));
				}
			}
			assertThat(types).containsExactly(IdsAssigned.class.getName(), IdsReleased.class.getName(), "other.Event");
		}
	}

	private static Flyway flyway(TestDatabase db, String target) {
		return Flyway.configure()
			.dataSource(db.jdbcUrl(), db.user(), db.password())
			.schemas("ids")
			.defaultSchema("ids")
			.locations("classpath:db/migration/outbox", "classpath:db/migration/ids")
			.target(target)
			.load();
	}

}
