package nixproc.backend;

import java.util.Arrays;
import java.util.List;

import nixproc.model.BackendKind;
import nixproc.process.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendsTest {

	@Test
	void implementedBackendsAreListedOnceInKindOrder() {
		List<BackendKind> kinds = Backends.all().stream().map(Backend::kind).toList();
		assertThat(kinds).doesNotHaveDuplicates();
		assertThat(kinds).isSortedAccordingTo(java.util.Comparator.naturalOrder());
	}

	@Test
	void onlyImplementedKindsAreOffered() {
		// Update this list when a generator lands; a kind is never listed before it generates real files.
		assertThat(Backends.all()).extracting(Backend::kind).containsExactly(BackendKind.SYSVINIT, BackendKind.BSDRC, BackendKind.SUPERVISORD, BackendKind.SYSTEMD,
				BackendKind.LAUNCHD, BackendKind.CYGRUNSRV, BackendKind.S6_RC, BackendKind.SYNIT, BackendKind.DOCKER, BackendKind.DISNIX);
		assertThat(Backends.byKind(BackendKind.DOCKER)).containsInstanceOf(nixproc.backend.docker.DockerBackend.class);
	}

	@Test
	void theModeRuleOfTheSeedIsTheBackendsPreferredMode() {
		List<BackendKind> daemonPreferring = List.of(BackendKind.SYSVINIT, BackendKind.BSDRC, BackendKind.DISNIX);
		for (Backend backend : Backends.all()) {
			assertThat(backend.capabilities().preferredMode()).as(backend.kind().id())
				.isEqualTo(daemonPreferring.contains(backend.kind()) ? Mode.DAEMON : Mode.FOREGROUND);
		}
		assertThat(Arrays.stream(BackendKind.values()).map(BackendKind::id)).containsExactly("sysvinit", "bsdrc",
				"supervisord", "systemd", "launchd", "cygrunsrv", "s6-rc", "synit", "docker", "disnix");
	}

}
