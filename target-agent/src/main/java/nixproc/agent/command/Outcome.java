package nixproc.agent.command;

import nixproc.agent.state.AgentState;
import nixproc.events.AgentEvent;

/** What handling a command did: the answer to publish and the state to persist first. */
public record Outcome(AgentEvent answer, AgentState state) {
}
