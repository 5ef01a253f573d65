package nixproc.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import nixproc.model.Pointers;
import nixproc.model.Problem;

/**
 * Cycles through {@code dependsOn} and {@code activatesAfter}, the edges that order activation; Disnix cannot
 * hash such a service and a deployment could never start it. {@code connectsTo} is not an ordering edge, so its
 * cycles are allowed. Iterative, because a model of ten thousand services may have a ten-thousand-long chain.
 */
final class Cycles {

	private Cycles() {
	}

	private record Edge(String from, String field, String parameter, String to) {
	}

	private record Frame(String service, Iterator<Edge> edges) {
	}

	/** One problem per cycle found, at the edge that closes it, with the cycle written out. */
	static List<Problem> find(DeploymentModel model) {
		Map<String, List<Edge>> graph = new HashMap<>();
		model.services().forEach((name, service) -> {
			List<Edge> edges = new ArrayList<>();
			service.dependsOn().forEach((p, to) -> edges.add(new Edge(name, "dependsOn", p, to)));
			service.activatesAfter().forEach((p, to) -> edges.add(new Edge(name, "activatesAfter", p, to)));
			graph.put(name, edges);
		});
		List<Problem> problems = new ArrayList<>();
		Map<String, Integer> state = new HashMap<>();
		for (String start : model.services().keySet()) {
			if (state.containsKey(start)) {
				continue;
			}
			Deque<Frame> stack = new ArrayDeque<>();
			List<String> path = new ArrayList<>();
			state.put(start, 1);
			path.add(start);
			stack.push(new Frame(start, graph.get(start).iterator()));
			while (!stack.isEmpty()) {
				Frame frame = stack.peek();
				if (!frame.edges().hasNext()) {
					state.put(frame.service(), 2);
					path.remove(path.size() - 1);
					stack.pop();
					continue;
				}
				Edge edge = frame.edges().next();
				if (!graph.containsKey(edge.to())) {
					continue;
				}
				Integer seen = state.get(edge.to());
				if (seen == null) {
					state.put(edge.to(), 1);
					path.add(edge.to());
					stack.push(new Frame(edge.to(), graph.get(edge.to()).iterator()));
				}
				else if (seen == 1) {
					List<String> cycle = new ArrayList<>(path.subList(path.lastIndexOf(edge.to()), path.size()));
					cycle.add(edge.to());
					problems.add(new Problem(Pointers.child(Pointers.child(Pointers.child("/services", edge.from()), edge.field()),
							edge.parameter()), "dependency cycle " + String.join(" -> ", cycle)
									+ " through dependsOn/activatesAfter; use connectsTo for one of these edges if "
									+ "no activation order is needed"));
				}
			}
		}
		return problems;
	}

}
