package nixproc.coordinator.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nixproc.coordinator.plan.Plan;
import nixproc.events.Activate;
import nixproc.events.Command;
import nixproc.events.Deactivate;
import nixproc.events.Mapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@link DeploymentSaga} without infrastructure (style G11): commands are written {@code "LOCK a"} or
 * {@code "ACTIVATE b web,cache"}, answers are given per target, the clock moves only when told. Every status edge
 * taken is recorded in {@link #EDGES} so the test class can check that it walked them all.
 */
final class SagaScenario {

	static final Set<String> EDGES = new LinkedHashSet<>();

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private SagaData data;

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final List<Command> issued = new ArrayList<>();

	private final List<Command> outstanding = new ArrayList<>();

	private final List<Command> sent = new ArrayList<>();

	private final List<DeploymentEvent> events = new ArrayList<>();

	private SagaScenario(SagaData data) {
		this.data = data;
	}

	static SagaScenario requested() {
		return new SagaScenario(DeploymentSaga.requested("d-1", 7, TIMEOUT));
	}

	static SagaScenario given(Plan plan) {
		return requested().start(plan);
	}

	SagaScenario start(Plan plan) {
		return start(plan, DeploymentOptions.DEFAULTS.maxParallelPerTarget());
	}

	SagaScenario start(Plan plan, int maxParallelPerTarget) {
		return apply(DeploymentSaga.start(data, plan, plan.parallelism(maxParallelPerTarget), now));
	}

	SagaScenario assigningIds() {
		return apply(DeploymentSaga.assigningIds(data));
	}

	SagaScenario refuse(String reason) {
		return apply(DeploymentSaga.refuse(data, reason));
	}

	/** The commands sent since the last {@code expect}, in any order. */
	SagaScenario expect(String... commands) {
		assertThat(issued.stream().map(SagaScenario::describe).toList()).containsExactlyInAnyOrder(commands);
		issued.clear();
		return this;
	}

	SagaScenario succeed(String... targets) {
		for (String target : targets) {
			reply(target, true, "");
		}
		return this;
	}

	SagaScenario fail(String target, String reason) {
		return reply(target, false, reason);
	}

	/** Answers the outstanding command to {@code target} a second time, or one nobody sent. */
	SagaScenario replyTo(String commandId, String target) {
		SagaData before = data;
		apply(DeploymentSaga.onReply(data, new StepReply(commandId, target, true, Optional.empty()), now));
		assertThat(data).as("an answer to a step that is not running changes nothing").isEqualTo(before);
		return this;
	}

	SagaScenario timeout() {
		now = now.plus(TIMEOUT).plusSeconds(1);
		return apply(DeploymentSaga.onTick(data, now));
	}

	SagaScenario expectStatus(DeploymentStatus status) {
		assertThat(data.status()).as("status; failure %s", data.failure()).isEqualTo(status);
		return this;
	}

	SagaScenario expectEvent(Class<? extends DeploymentEvent> type) {
		assertThat(events).hasAtLeastOneElementOfType(type);
		return this;
	}

	SagaData data() {
		return data;
	}

	/** Every command sent so far, also those already answered. */
	List<Command> sent() {
		return List.copyOf(sent);
	}

	List<Command> outstanding() {
		return List.copyOf(outstanding);
	}

	private SagaScenario reply(String target, boolean succeeded, String reason) {
		Command command = outstanding.stream()
			.filter(c -> c.target().equals(target))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no outstanding command to " + target + "; outstanding: "
					+ outstanding.stream().map(SagaScenario::describe).toList()));
		outstanding.remove(command);
		return apply(DeploymentSaga.onReply(data,
				new StepReply(command.commandId(), target, succeeded, succeeded ? Optional.empty() : Optional.of(reason)),
				now));
	}

	private SagaScenario apply(Transition transition) {
		if (transition.data().status() != data.status()) {
			EDGES.add(data.status() + "->" + transition.data().status());
		}
		data = transition.data();
		issued.addAll(transition.commands());
		sent.addAll(transition.commands());
		outstanding.removeIf(c -> data.steps()
			.stream()
			.anyMatch(s -> s.commandId(data.deploymentId()).equals(c.commandId()) && !s.running()));
		outstanding.addAll(transition.commands());
		events.addAll(transition.events());
		return this;
	}

	static String describe(Command command) {
		List<Mapping> mappings = command instanceof Activate a ? a.mappings()
				: command instanceof Deactivate d ? d.mappings() : List.of();
		String services = String.join(",", mappings.stream().map(Mapping::service).toList());
		return (command.kind() + " " + command.target() + " " + services).strip();
	}

}
