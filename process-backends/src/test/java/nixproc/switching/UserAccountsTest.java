package nixproc.switching;

import java.util.List;
import java.util.Map;

import nixproc.model.Credentials;
import nixproc.profile.ProfileManifest;
import nixproc.run.RecordingCommandRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shadow-tool sequences of {@link UserAccounts}; the webapps matrix runs them for real as root. */
class UserAccountsTest {

	private static final Credentials WANTED = new Credentials(Map.of("web", Map.of()),
			Map.of("web", Map.of("group", "web", "description", "Web", "createHomeDir", "1", "homeDir", "/srv/web"),
					"www-data", Map.of()));

	@Test
	void anAccountThatExistedBeforeIsNeverOwnedSoNeverDeleted() {
		RecordingCommandRunner runner = new RecordingCommandRunner()
			.answer(List.of("getent", "passwd", "web"), 2, "")
			.answer(List.of("getent", "group", "web"), 2, "");

		ProfileManifest.AccountNames owned = new UserAccounts(runner).owned(ProfileManifest.AccountNames.NONE, WANTED);

		assertThat(owned).isEqualTo(new ProfileManifest.AccountNames(List.of("web"), List.of("web")));
		// once created, still owned by the next generation that wants it
		assertThat(new UserAccounts(new RecordingCommandRunner()).owned(owned, WANTED)).isEqualTo(owned);
	}

	@Test
	void createsGroupsThenUsersWithDysnomiasAttributes() {
		RecordingCommandRunner runner = new RecordingCommandRunner()
			.answer(List.of("getent", "passwd", "web"), 2, "")
			.answer(List.of("getent", "group", "web"), 2, "");

		Credentials created = new UserAccounts(runner).createMissing(WANTED);

		assertThat(created).isEqualTo(new Credentials(Map.of("web", Map.of()), Map.of("web", Map.of())));
		assertThat(runner.calls()).containsExactly(List.of("getent", "group", "web"), List.of("groupadd", "--system", "web"),
				List.of("getent", "passwd", "web"), List.of("useradd", "--system", "--gid", "web", "--comment", "Web",
						"--home-dir", "/srv/web", "--create-home", "--shell", "/bin/sh", "web"),
				List.of("getent", "passwd", "www-data"));
	}

	// #17: a password hash on a command line is readable by every local user in ps while the command runs
	@Test
	void aPasswordHashIsSetOnStandardInputAndNeverInAnArgumentVector() {
		String hash = "$6$salt$KcRtfr5sUnDr1XSaZxZbyS3kVWMAfJ9tQz6yL1c2Y6b0a.tS8pEJbm7vO4v7cYZ1x5E2o5xg1Jq7b3aQ6v0";
		RecordingCommandRunner runner = new RecordingCommandRunner().answer(List.of("getent", "passwd", "db"), 2, "");

		new UserAccounts(runner).createMissing(new Credentials(Map.of(), Map.of("db", Map.of("password", hash))));

		assertThat(runner.calls()).containsExactly(List.of("getent", "passwd", "db"), List.of("useradd", "--system",
				"--home-dir", "/dev/null", "--no-create-home", "--shell", "/bin/sh", "db"), List.of("chpasswd", "-e"));
		assertThat(runner.commands()).allSatisfy(command -> {
			assertThat(String.join(" ", command.argv())).doesNotContain(hash).doesNotContain("KcRtfr5s");
			assertThat(command.environment().values()).noneMatch(value -> value.contains(hash));
		});
		assertThat(runner.commands().get(2).input()).contains("db:" + hash + "\n");
	}

	@Test
	void anAccountThatCannotBeDeletedIsReportedNotThrown() {
		RecordingCommandRunner runner = new RecordingCommandRunner()
			.answer(List.of("userdel", "web"), 8, "userdel: user web is currently used by process 42");

		List<String> failures = new UserAccounts(runner).deleteUnwanted(WANTED, Credentials.NONE);

		assertThat(failures).containsExactly("userdel web failed (exit 8): userdel: user web is currently used by process 42");
		assertThat(runner.calls()).contains(List.of("userdel", "www-data"), List.of("groupdel", "web"));
	}

}
