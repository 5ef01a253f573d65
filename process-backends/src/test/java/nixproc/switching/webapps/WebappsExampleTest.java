package nixproc.switching.webapps;

import java.nio.file.Files;
import java.nio.file.Path;

import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code examples/webapps/processes.yaml} is the model the matrix deploys, at its default ports and launcher. */
class WebappsExampleTest {

	@Test
	void theCheckedInExampleIsTheTestedModelAtDefaultPorts() throws Exception {
		Path example = Path.of(System.getProperty("user.dir")).resolveSibling("examples/webapps/processes.yaml");
		ProcessesModel checkedIn = ModelReader.readProcesses(Files.readString(example), true);
		ProcessesModel tested = ModelReader.readProcesses(JsonMapper.builder().build().writeValueAsString(WebappsModel.DEFAULT.toMap()), false);

		assertThat(checkedIn).isEqualTo(tested);
	}

}
