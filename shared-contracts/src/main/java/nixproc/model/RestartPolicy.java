package nixproc.model;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When the process manager restarts an exited instance (nixproc extension; the seed left this to
 * per-backend overrides such as {@code systemd.Service.Restart}). {@code delay} is in seconds.
 */
public record RestartPolicy(Condition condition, int delay, Optional<Integer> maxRestarts) {

	public RestartPolicy {
		condition = condition == null ? Condition.NO : condition;
		maxRestarts = maxRestarts == null ? Optional.empty() : maxRestarts;
	}

	public enum Condition {
		/** Never restart (the seed's behaviour). */
		@JsonProperty("no") NO,
		/** Restart after a non-zero exit or a signal. */
		@JsonProperty("on-failure") ON_FAILURE,
		/** Restart whenever it exits. */
		@JsonProperty("always") ALWAYS
	}

}
