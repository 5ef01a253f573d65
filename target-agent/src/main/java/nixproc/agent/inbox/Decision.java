package nixproc.agent.inbox;

import nixproc.agent.command.Outcome;
import nixproc.events.Command;
import nixproc.events.CommandRejected;

/** What the inbox does with one record. */
sealed interface Decision permits Decision.Ignore, Decision.Reject, Decision.Resend, Decision.Answer {

	/** Another target's record that happens to share our partition. */
	record Ignore() implements Decision {
	}

	/** Refused without any change; {@code deadLetter}: copy the record to the dead-letter topic too. */
	record Reject(CommandRejected event, boolean deadLetter) implements Decision {
	}

	/** The same record delivered again: send the answer given the first time, byte for byte. */
	record Resend(String answer) implements Decision {
	}

	/** A command carried out (or refused by its handler): persist the state, then send the answer. */
	record Answer(Command command, Outcome outcome) implements Decision {
	}

}
