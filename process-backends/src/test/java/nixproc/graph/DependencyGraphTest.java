package nixproc.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nixproc.model.ModelException;
import nixproc.model.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DependencyGraphTest {

	@Test
	void depthIsOnePlusTheDeepestDependencyAndTiesSortByName() {
		Map<String, List<String>> edges = new LinkedHashMap<>();
		edges.put("nginx", List.of("webapp2", "webapp1"));
		edges.put("webapp2", List.of());
		edges.put("webapp1", List.of());
		edges.put("monitor", List.of("nginx", "webapp1"));
		DependencyGraph.Ordering ordering = DependencyGraph.order(edges);
		assertThat(ordering.activationOrder()).containsExactly("webapp1", "webapp2", "nginx", "monitor");
		assertThat(ordering.depth()).containsEntry("webapp1", 0).containsEntry("nginx", 1).containsEntry("monitor", 2);
		assertThat(ordering.deactivationOrder()).containsExactly("monitor", "nginx", "webapp2", "webapp1");
	}

	@Test
	void aCycleIsAModelProblemAtTheClosingEdge() {
		Map<String, List<String>> edges = new LinkedHashMap<>();
		edges.put("a", List.of("b"));
		edges.put("b", List.of("a"));
		assertThatThrownBy(() -> DependencyGraph.order(edges)).isInstanceOfSatisfying(ModelException.class,
				e -> assertThat(e.problems()).containsExactly(new Problem("/b/pkg/dependencies/0", "dependency cycle: a -> b -> a")));
	}

}
