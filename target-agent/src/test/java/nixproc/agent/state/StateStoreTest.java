package nixproc.agent.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import nixproc.events.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateStoreTest {

	private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

	@TempDir
	Path dir;

	@Test
	void aFreshDirectoryHasTheInitialState() {
		assertThat(new StateStore(dir).load()).isEqualTo(AgentState.initial());
	}

	@Test
	void whatIsSavedIsWhatAFreshStoreReadsWithNoTemporaryFileLeft() throws Exception {
		AgentState state = AgentState.initial()
			.withGeneration(7)
			.withLock(Optional.of(new LockLease("d1", NOW)))
			.withSeen(new SeenCommand("c1", "t-0@3", NOW.plusSeconds(60), "{\"id\":\"a\"}"), NOW)
			.withInFlight(Optional.of(new InFlightStep("c2", "d1", "s", 7, StepKind.ACTIVATE, NOW, NOW)));
		new StateStore(dir).save(state);
		assertThat(new StateStore(dir).load()).isEqualTo(state);
		try (var files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
		}
		assertThat(Files.readString(dir.resolve("state.json"))).contains("\"formatVersion\" : 1");
	}

	@Test
	void aStateOfAnotherFormatVersionIsRefusedWithAnExplanation() throws Exception {
		Files.writeString(dir.resolve("state.json"), "{\"formatVersion\": 2, \"generation\": 3}");
		assertThatThrownBy(() -> new StateStore(dir).load()).hasMessageContaining("formatVersion 2")
			.hasMessageContaining("this agent reads 1");
	}

	@Test
	void seenIdsAreForgottenAnHourAfterTheirCommandExpired() {
		AgentState state = AgentState.initial()
			.withSeen(new SeenCommand("old", "t-0@1", NOW.minusSeconds(3601), "{}"), NOW.minusSeconds(4000))
			.withSeen(new SeenCommand("recent", "t-0@2", NOW.minusSeconds(10), "{}"), NOW);
		assertThat(state.seen()).containsOnlyKeys("recent");
	}

	@Test
	void theKeyPairIsMadeOnceAndThePrivateHalfIsOwnerOnly() throws Exception {
		var first = AgentKeys.loadOrCreate(dir);
		var second = AgentKeys.loadOrCreate(dir);
		assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
		assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
				Files.getPosixFilePermissions(dir.resolve("agent.key")))).isEqualTo("rw-------");
	}

}
