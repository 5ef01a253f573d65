package nixproc.cli.testdriver;

import java.util.Locale;

/** The seed's two profile settings: deploy as root with user changes, or {@code --force-disable-user-change}. */
public enum Profile {

	PRIVILEGED, UNPRIVILEGED;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Profile byId(String id) {
		for (Profile profile : values()) {
			if (profile.id().equals(id)) {
				return profile;
			}
		}
		throw new IllegalArgumentException("profile: must be privileged or unprivileged, not '" + id + "'");
	}

}
