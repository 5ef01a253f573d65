package nixproc.backend;

import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;

/**
 * Optional ability of a {@link Driver} (checked with {@code instanceof}) whose instances are scripts with
 * activities beyond start and stop ({@code status}, {@code reload}, …): the seed's
 * {@code nixproc-sysvinit-runactivity} and {@code nixproc-bsdrc-runactivity}.
 */
public interface ActivityRunner {

	/** The command that runs {@code activity} on one instance of {@code generation}. */
	Command activity(ProfileGeneration generation, InstanceEntry instance, String activity);

}
