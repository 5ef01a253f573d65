package nixproc.backend;

import java.util.List;

import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;

/**
 * Optional ability of a {@link Generator}: files that belong to the profile as a whole rather than to one instance
 * (supervisord's {@code supervisord.conf}, s6-rc's {@code default} bundle, disnix's manifest). Checked with
 * {@code instanceof} by {@link nixproc.profile.ProfileBuilder}.
 */
public interface ProfileGenerator {

	/** @param processes every instance of the profile, in activation order */
	GeneratedFiles generateProfile(List<NormalisedProcess> processes, Layout layout);

}
