package nixproc.agent.health;

import java.util.List;
import java.util.Map;

import nixproc.events.MachineCapabilities;
import nixproc.events.ProcessManagerInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real probes on this machine; what is installed differs, what must hold does not. */
class CapabilityDetectorTest {

	@Test
	void aMissingOrFailingCommandIsNotDetectedAndAWorkingOneGivesItsFirstLine() {
		assertThat(CapabilityDetector.firstLine(List.of("nixproc-no-such-command"))).isEmpty();
		assertThat(CapabilityDetector.firstLine(List.of("sh", "-c", "exit 3"))).isEmpty();
		assertThat(CapabilityDetector.firstLine(List.of("sh", "-c", "echo ' 1.2.3 '; echo second"))).contains("1.2.3");
	}

	@Test
	void autoChoosesTheFirstDetectedManagerOfThePreferenceListAndSysvinitIsAlwaysThere() {
		MachineCapabilities capabilities = CapabilityDetector.detect("auto", false, Map.of("hostname", "h1"));
		List<String> found = capabilities.processManagers().stream().map(ProcessManagerInfo::name).toList();
		assertThat(found).contains("sysvinit").isSubsetOf(CapabilityDetector.AUTO_PREFERENCE);
		assertThat(capabilities.processManager()).isEqualTo(found.get(0));
		assertThat(CapabilityDetector.AUTO_PREFERENCE.indexOf(capabilities.processManager()))
			.isLessThanOrEqualTo(CapabilityDetector.AUTO_PREFERENCE.indexOf("sysvinit"));
		assertThat(capabilities.hostname()).isEqualTo("h1");
		assertThat(CapabilityDetector.detect("sysvinit", true, Map.of()).processManager()).isEqualTo("sysvinit");
	}

}
