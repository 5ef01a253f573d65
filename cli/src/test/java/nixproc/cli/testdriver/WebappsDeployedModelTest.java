package nixproc.cli.testdriver;

import java.util.Optional;

import nixproc.model.BackendKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webapps example's seed tests (curl through nginx with each Host) as a Java test on {@link DeployedModel}:
 * deployed once with sysvinit, unprivileged, the checks file's hooks run first.
 */
class WebappsDeployedModelTest {

	@RegisterExtension
	static final DeployedModel WEBAPPS = new DeployedModel(WebappsExample.source(),
			new Variant(BackendKind.SYSVINIT, Profile.UNPRIVILEGED), ChecksFile.read(WebappsExample.CHECKS));

	@Test
	void nginxRoutesEachHostToItsWebapp() {
		for (String webapp : new String[] { "webapp1", "webapp2" }) {
			WEBAPPS.check("nginx", "curl -sf -H 'Host: " + webapp + ".local' http://127.0.0.1:$port/ | grep -q \"listening on port: $"
					+ webapp + "_port\"");
		}
	}

	@Test
	void checksSeeTheInstancesPropertiesAndTheVariant() {
		var env = WEBAPPS.deployment().environment(Optional.of("webapp2"));
		assertThat(env).containsEntry("instanceName", "webapp2")
			.containsEntry("port", env.get("webapp2_port"))
			.containsEntry("processManager", "sysvinit")
			.containsEntry("profile", "unprivileged")
			.containsEntry("forceDisableUserChange", "1")
			.containsEntry("stateDir", WEBAPPS.deployment().stateDir().toString())
			.containsKeys("nginx_port", "webapp1_port", "logDir", "runtimeDir");
	}

	@Test
	void theStateDirectoryIsTheVariantsOwn() {
		WEBAPPS.check("webapp1", "test -d \"$runtimeDir\" && case \"$runtimeDir\" in \"$stateDir\"/*) ;; *) exit 1;; esac");
	}

}
