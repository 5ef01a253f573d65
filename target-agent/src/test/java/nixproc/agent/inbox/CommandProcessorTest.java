package nixproc.agent.inbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nixproc.agent.TestCommands;
import nixproc.agent.command.Handlers;
import nixproc.agent.command.UnavailableActivator;
import nixproc.agent.state.AgentState;
import nixproc.agent.state.InFlightStep;
import nixproc.agent.state.SeenCommand;
import nixproc.events.Ed25519Keys;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EnvelopeVerifier;
import nixproc.events.EventCodec;
import nixproc.events.Lock;
import nixproc.events.RejectionReason;
import nixproc.events.StepFailed;
import nixproc.events.StepKind;
import nixproc.events.StepSucceeded;
import nixproc.events.Unlock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions of the command loop, record by record, without a broker (the Kafka tests cover the loop). */
class CommandProcessorTest {

	private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

	private static final Instant LATER = NOW.plusSeconds(60);

	private final TestCommands coordinator = new TestCommands();

	private final List<AgentState> saved = new ArrayList<>();

	private final CommandProcessor processor = new CommandProcessor("alpha",
			new EnvelopeVerifier(coordinator.keys().getPublic()), new Handlers(new UnavailableActivator("test")),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private Decision process(String text, AgentState state) {
		return processor.process(Optional.of("alpha"), text, "commands-0@7", state, saved::add);
	}

	private static RejectionReason rejection(Decision decision) {
		assertThat(decision).isInstanceOf(Decision.Reject.class);
		return ((Decision.Reject) decision).event().reason();
	}

	@Test
	void otherTargetsKeysAreIgnored() {
		String lock = coordinator.signedText(TestCommands.lock("beta", "d1", LATER), NOW);
		assertThat(processor.process(Optional.of("beta"), lock, "c-0@1", AgentState.initial(), saved::add))
			.isInstanceOf(Decision.Ignore.class);
		assertThat(processor.process(Optional.empty(), lock, "c-0@1", AgentState.initial(), saved::add))
			.isInstanceOf(Decision.Ignore.class);
	}

	@Test
	void malformedUnknownAndUnsignedRecordsAreRejectedAndDeadLettered() {
		var unsigned = EventCodec.envelope(TestCommands.lock("alpha", "d1", LATER), NOW);
		var forged = new EnvelopeSigner(Ed25519Keys.generate().getPrivate()).sign(unsigned);
		var unknown = coordinator.signedText(TestCommands.lock("alpha", "d1", LATER), NOW).replace("\"Lock\"",
				"\"Snapshot\"");
		assertThat(rejection(process("{not json", AgentState.initial()))).isEqualTo(RejectionReason.MALFORMED);
		assertThat(rejection(process(unsigned.toJsonText(), AgentState.initial()))).isEqualTo(RejectionReason.UNSIGNED);
		assertThat(rejection(process(forged.toJsonText(), AgentState.initial())))
			.isEqualTo(RejectionReason.BAD_SIGNATURE);
		// renaming the type after signing breaks the signature: the type is signed too
		assertThat(rejection(process(unknown, AgentState.initial()))).isEqualTo(RejectionReason.BAD_SIGNATURE);
		var snapshot = new nixproc.events.Envelope("c-x", "Snapshot", 1, NOW, "coordinator", "alpha",
				unsigned.payload(), Optional.empty());
		assertThat(rejection(process(new EnvelopeSigner(coordinator.keys().getPrivate()).sign(snapshot).toJsonText(),
				AgentState.initial()))).isEqualTo(RejectionReason.UNKNOWN_TYPE);
		var v2 = new nixproc.events.Envelope(unsigned.id(), "Lock", 2, NOW, "coordinator", "alpha", unsigned.payload(),
				Optional.empty());
		Decision decision = process(new EnvelopeSigner(coordinator.keys().getPrivate()).sign(v2).toJsonText(),
				AgentState.initial());
		assertThat(rejection(decision)).isEqualTo(RejectionReason.UNKNOWN_SCHEMA_VERSION);
		assertThat(((Decision.Reject) decision).deadLetter()).isTrue();
		assertThat(saved).isEmpty();
	}

	@Test
	void aCommandForAnotherTargetUnderOurKeyIsRefused() {
		String lock = coordinator.signedText(TestCommands.lock("beta", "d1", LATER), NOW);
		assertThat(rejection(process(lock, AgentState.initial()))).isEqualTo(RejectionReason.OTHER_TARGET);
	}

	@Test // #17
	void refusalsOfForgedRecordsAndOfOtherTargetsCommandsNameNoCommandIdButThoseOfVerifiedOnesDo() {
		Lock lock = TestCommands.lock("alpha", "d1", LATER);
		var unsigned = EventCodec.envelope(lock, NOW);
		var forged = new EnvelopeSigner(Ed25519Keys.generate().getPrivate()).sign(unsigned);
		var otherTarget = coordinator.signedText(TestCommands.lock("beta", "d1", LATER), NOW);
		for (String text : List.of(unsigned.toJsonText(), forged.toJsonText(), otherTarget)) {
			Decision decision = process(text, AgentState.initial());
			assertThat(((Decision.Reject) decision).event().commandId()).as(text).isEmpty();
			assertThat(((Decision.Reject) decision).event().reason().answersTheCommand()).isFalse();
		}
		Lock expired = TestCommands.lock("alpha", "d1", NOW);
		Decision late = process(coordinator.signedText(expired, NOW), AgentState.initial());
		assertThat(((Decision.Reject) late).event().commandId()).contains(expired.commandId());
		assertThat(((Decision.Reject) late).event().reason().answersTheCommand()).isTrue();
	}

	@Test
	void expiredCommandsAreRefusedButNotDeadLettered() {
		Decision decision = process(coordinator.signedText(TestCommands.lock("alpha", "d1", NOW), NOW),
				AgentState.initial());
		assertThat(rejection(decision)).isEqualTo(RejectionReason.EXPIRED);
		assertThat(((Decision.Reject) decision).deadLetter()).isFalse();
	}

	@Test
	void theSameRecordAgainGetsTheStoredAnswerAndANewRecordWithASeenIdIsAReplay() {
		Lock lock = TestCommands.lock("alpha", "d1", LATER);
		AgentState state = AgentState.initial()
			.withSeen(new SeenCommand(lock.commandId(), "commands-0@7", LATER, "{\"answer\":1}"), NOW);
		assertThat(process(coordinator.signedText(lock, NOW), state))
			.isEqualTo(new Decision.Resend("{\"answer\":1}"));
		Decision replay = processor.process(Optional.of("alpha"), coordinator.signedText(lock, NOW), "commands-0@9",
				state, saved::add);
		assertThat(rejection(replay)).isEqualTo(RejectionReason.REPLAYED);
	}

	@Test
	void lockIsRefusedWhileAnotherDeploymentHoldsItAndTakenOverOnceItExpired() {
		Decision first = process(coordinator.signedText(TestCommands.lock("alpha", "d1", LATER), NOW),
				AgentState.initial());
		AgentState locked = ((Decision.Answer) first).outcome().state();
		assertThat(((Decision.Answer) first).outcome().answer()).isInstanceOf(StepSucceeded.class);
		assertThat(locked.lockAt(NOW).orElseThrow().deploymentId()).isEqualTo("d1");

		Decision second = process(coordinator.signedText(TestCommands.lock("alpha", "d2", LATER), NOW), locked);
		assertThat(((Decision.Answer) second).outcome().answer()).isInstanceOfSatisfying(StepFailed.class,
				failed -> assertThat(failed.reason()).contains("locked by deployment d1"));
		assertThat(((Decision.Answer) second).outcome().state()).isEqualTo(locked);

		CommandProcessor muchLater = new CommandProcessor("alpha", new EnvelopeVerifier(coordinator.keys().getPublic()),
				new Handlers(new UnavailableActivator("test")), Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC));
		Decision takeover = muchLater.process(Optional.of("alpha"),
				coordinator.signedText(TestCommands.lock("alpha", "d2", NOW.plusSeconds(900)), NOW), "c-0@8", locked,
				saved::add);
		assertThat(((Decision.Answer) takeover).outcome().answer()).isInstanceOf(StepSucceeded.class);
	}

	@Test // #17
	void aLeaseIsADayAtMostWhateverTheCommandAsks() {
		Lock decades = new Lock(TestCommands.id(), "d1", "lock-alpha", 1, "alpha", LATER, 30L * 365 * 86_400);
		AgentState locked = ((Decision.Answer) process(coordinator.signedText(decades, NOW), AgentState.initial()))
			.outcome()
			.state();
		assertThat(locked.lock().orElseThrow().until()).isEqualTo(NOW.plusSeconds(86_400));
	}

	@Test
	void unlockByAnotherDeploymentIsRefusedAndUnlockingTwiceSucceeds() {
		AgentState locked = ((Decision.Answer) process(
				coordinator.signedText(TestCommands.lock("alpha", "d1", LATER), NOW), AgentState.initial())).outcome()
			.state();
		Decision foreign = process(coordinator.signedText(TestCommands.unlock("alpha", "d2", LATER), NOW), locked);
		assertThat(((Decision.Answer) foreign).outcome().answer()).isInstanceOf(StepFailed.class);
		Unlock unlock = TestCommands.unlock("alpha", "d1", LATER);
		AgentState unlocked = ((Decision.Answer) process(coordinator.signedText(unlock, NOW), locked)).outcome().state();
		assertThat(unlocked.lock()).isEmpty();
		Decision again = process(coordinator.signedText(TestCommands.unlock("alpha", "d1", LATER), NOW), unlocked);
		assertThat(((Decision.Answer) again).outcome().answer()).isInstanceOf(StepSucceeded.class);
	}

	@Test
	void activationWithoutTheLockIsRefusedAndWithItSaysActivationIsUnavailable() {
		Decision unlocked = process(coordinator.signedText(TestCommands.activate("alpha", "d1", LATER), NOW),
				AgentState.initial());
		assertThat(((Decision.Answer) unlocked).outcome().answer()).isInstanceOfSatisfying(StepFailed.class,
				failed -> assertThat(failed.reason()).contains("not locked by deployment d1"));
		AgentState locked = ((Decision.Answer) process(
				coordinator.signedText(TestCommands.lock("alpha", "d1", LATER), NOW), AgentState.initial())).outcome()
			.state();
		Decision activate = process(coordinator.signedText(TestCommands.activate("alpha", "d1", LATER), NOW), locked);
		assertThat(((Decision.Answer) activate).outcome().answer()).isInstanceOfSatisfying(StepFailed.class,
				failed -> assertThat(failed.reason()).startsWith(UnavailableActivator.REASON));
		// in flight while the activator ran, landed afterwards, generation unchanged
		assertThat(saved).hasSize(1);
		assertThat(saved.get(0).inFlight()).isPresent();
		assertThat(((Decision.Answer) activate).outcome().state().inFlight()).isEmpty();
		assertThat(((Decision.Answer) activate).outcome().state().generation()).isZero();
	}

	@Test
	void aStepInFlightWhenTheAgentDiedIsAnsweredAsInterruptedWhenRedelivered() {
		var activate = TestCommands.activate("alpha", "d1", LATER);
		AgentState crashed = AgentState.initial()
			.withInFlight(Optional.of(new InFlightStep(activate.commandId(), "d1", activate.stepId(), 1,
					StepKind.ACTIVATE, LATER, NOW.minusSeconds(5))));
		Decision decision = process(coordinator.signedText(activate, NOW), crashed);
		assertThat(((Decision.Answer) decision).outcome().answer()).isInstanceOfSatisfying(StepFailed.class,
				failed -> assertThat(failed.reason()).startsWith("interrupted"));
		assertThat(((Decision.Answer) decision).outcome().state().inFlight()).isEmpty();
	}

}
