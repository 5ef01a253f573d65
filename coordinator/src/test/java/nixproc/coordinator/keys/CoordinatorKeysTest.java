package nixproc.coordinator.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;

import nixproc.events.Ed25519Keys;
import nixproc.events.EnvelopeVerifier;
import nixproc.events.Unlock;
import nixproc.testsupport.IntegrationServices;
import nixproc.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 17 item 1: the signing key lives in a file only the coordinator reads, not in the shared database. */
class CoordinatorKeysTest {

	@TempDir
	Path dir;

	JdbcClient jdbc;

	@BeforeEach
	void database() {
		TestDatabase database = IntegrationServices.get().newDatabase();
		DriverManagerDataSource source = new DriverManagerDataSource(database.jdbcUrl(), database.user(),
				database.password());
		Flyway.configure()
			.dataSource(source)
			.schemas("coordinator")
			.defaultSchema("coordinator")
			.locations("classpath:db/migration/outbox", "classpath:db/migration/coordinator")
			.load()
			.migrate();
		source.setSchema("coordinator");
		jdbc = JdbcClient.create(source);
	}

	int rowsInTheDatabase() {
		return jdbc.sql("SELECT count(*) FROM coordinator_key").query(Integer.class).single();
	}

	@Test // #17
	void theFirstStartMakesTheKeyInAFileOnlyTheOwnerReadsAndTheDatabaseHoldsNone() throws Exception {
		Path file = dir.resolve("secrets/coordinator.key");
		CoordinatorKeys first = new CoordinatorKeys(jdbc, file);

		assertThat(rowsInTheDatabase()).isZero();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
		assertThat(Files.readString(file)).contains("-----BEGIN PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----");
		// a restart, or a second coordinator given the same file, signs with the same key
		CoordinatorKeys second = new CoordinatorKeys(jdbc, file);
		assertThat(second.publicKey()).isEqualTo(first.publicKey());
		Unlock unlock = new Unlock("c-1", "d-1", "s-1", 1, "alpha", Instant.now().plusSeconds(60));
		assertThat(new EnvelopeVerifier(Ed25519Keys.publicKey(first.publicKey())).verify(second.sign(unlock,
				Instant.now()))).isEqualTo(EnvelopeVerifier.Verdict.VALID);
	}

	@Test // #17
	void aKeyAnEarlierVersionKeptInTheDatabaseMovesIntoTheFileOnceAndItsRowIsDeleted() {
		KeyPair old = Ed25519Keys.generate();
		jdbc.sql("INSERT INTO coordinator_key (id, private_key, public_key) VALUES (1, ?, ?)")
			.params(Ed25519Keys.encode(old.getPrivate()), Ed25519Keys.encode(old.getPublic()))
			.update();
		Path file = dir.resolve("coordinator.key");

		CoordinatorKeys keys = new CoordinatorKeys(jdbc, file);

		// the agents, which trust the old key, keep accepting the coordinator's commands
		assertThat(keys.publicKey()).isEqualTo(Ed25519Keys.encode(old.getPublic()));
		assertThat(rowsInTheDatabase()).isZero();
		assertThat(new CoordinatorKeys(jdbc, file).publicKey()).isEqualTo(Ed25519Keys.encode(old.getPublic()));
	}

	@Test
	void aKeyFileOpensslWroteIsUsedAndOneWhoseHalvesDoNotMatchIsRefused() throws Exception {
		KeyPair pair = Ed25519Keys.generate();
		Path file = Files.writeString(dir.resolve("openssl.pem"),
				Ed25519Keys.pem(pair.getPrivate()) + Ed25519Keys.pem(pair.getPublic()));
		assertThat(new CoordinatorKeys(jdbc, file).publicKey()).isEqualTo(Ed25519Keys.encode(pair.getPublic()));

		Path mismatched = Files.writeString(dir.resolve("mismatched.pem"),
				Ed25519Keys.pem(pair.getPrivate()) + Ed25519Keys.pem(Ed25519Keys.generate().getPublic()));
		assertThatThrownBy(() -> new CoordinatorKeys(jdbc, mismatched)).hasMessageContaining(mismatched.toString())
			.hasMessageContaining("not the private key's");
		Path onlyPrivate = Files.writeString(dir.resolve("private.pem"), Ed25519Keys.pem(pair.getPrivate()));
		assertThatThrownBy(() -> new CoordinatorKeys(jdbc, onlyPrivate)).hasMessageContaining("openssl pkey");
	}

}
