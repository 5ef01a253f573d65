package nixproc.coordinator.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.coordinator.generation.Generation;
import nixproc.coordinator.plan.Manifest;
import nixproc.coordinator.plan.ManifestEntry;
import nixproc.coordinator.target.ProcessFailedReported;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@code ProcessFailed} events roll the network back (issue 17 item 7), without infrastructure. */
class HealthWindowRulesTest {

	static final Instant CREATED = Instant.parse("2030-01-01T12:00:00Z");

	static final Instant COMMITTED = CREATED.plusSeconds(20);

	static final Instant NOW = COMMITTED.plusSeconds(10);

	final Generation one = generation(1, entry("server", "alpha", "h1"), entry("client", "beta", "h2"));

	final Generation two = generation(2, entry("server", "alpha", "h1"), entry("client", "beta", "h3"),
			entry("cache", "beta", "h4"));

	final DeploymentRow deployment = row(60);

	@Test // #17
	void aChangedOrNewMappingOfTheCommittedGenerationInsideTheWindowRollsBack() {
		assertThat(ignored(failed("client", "beta", 2, NOW), NOW)).isEmpty();
		assertThat(ignored(failed("cache", "beta", 2, NOW), NOW)).isEmpty();
	}

	@Test // #17
	void anUntouchedAnUnknownOrAnotherTargetsMappingRollsNothingBack() {
		assertThat(ignored(failed("server", "alpha", 2, NOW), NOW)).hasValueSatisfying(
				why -> assertThat(why).contains("server@alpha was not changed"));
		assertThat(ignored(failed("nosuch", "beta", 2, NOW), NOW)).hasValueSatisfying(
				why -> assertThat(why).contains("not a mapping of generation 2"));
		assertThat(ignored(failed("client", "alpha", 2, NOW), NOW)).isPresent();
	}

	@Test // #17
	void anotherGenerationOrAnEventFromBeforeTheDeploymentOrAfterTheWindowRollsNothingBack() {
		assertThat(ignored(failed("client", "beta", 1, NOW), NOW)).hasValueSatisfying(
				why -> assertThat(why).contains("generation 1, not the committed 2"));
		assertThat(ignored(failed("client", "beta", 2, CREATED.minusSeconds(1)), NOW)).hasValueSatisfying(
				why -> assertThat(why).contains("before deployment"));
		Instant late = COMMITTED.plusSeconds(61);
		assertThat(ignored(failed("client", "beta", 2, late), late)).hasValueSatisfying(
				why -> assertThat(why).contains("health window"));
		assertThat(ignored(failed("client", "beta", 2, late), NOW)).as("a time after the window, signed in advance")
			.isPresent();
		assertThat(HealthWindow.ignored(failed("client", "beta", 2, NOW), two, Optional.of(one), row(0), NOW))
			.hasValueSatisfying(why -> assertThat(why).contains("no health window"));
		assertThat(HealthWindow.ignored(failed("client", "beta", 2, NOW), two, Optional.empty(), deployment, NOW))
			.isPresent();
	}

	Optional<String> ignored(ProcessFailedReported failed, Instant now) {
		return HealthWindow.ignored(failed, two, Optional.of(one), deployment, now);
	}

	static ProcessFailedReported failed(String service, String target, long generation, Instant time) {
		return new ProcessFailedReported("e-" + service + generation + time, time, target, service, generation, "exited");
	}

	static ManifestEntry entry(String service, String target, String hash) {
		return new ManifestEntry(service, target, JsonNodeFactory.instance.objectNode(),
				JsonNodeFactory.instance.objectNode(), List.of(), hash);
	}

	static Generation generation(long number, ManifestEntry... entries) {
		return new Generation(number, "d-" + number, Optional.empty(), COMMITTED, Manifest.of(List.of(entries)));
	}

	static DeploymentRow row(int window) {
		return new DeploymentRow("d-2", DeploymentStatus.COMMITTED, 2, Optional.empty(), "{}",
				new DeploymentOptions(false, window, 60, 4), DeploymentSaga.requested("d-2", 2, Duration.ofSeconds(60)),
				Optional.empty(), CREATED, Optional.of(COMMITTED), 3);
	}

}
