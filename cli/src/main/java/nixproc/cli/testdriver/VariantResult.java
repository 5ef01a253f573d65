package nixproc.cli.testdriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How one variant went.
 *
 * @param failure what failed first (the phase, the instance, the command and why), empty when it passed
 * @param keptLogs the variant's state directory, kept when it failed (its logs and generated configuration)
 */
public record VariantResult(Variant variant, Optional<String> failure, Duration took, Optional<Path> keptLogs) {

	public boolean passed() {
		return failure.isEmpty();
	}

}
