package nixproc.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nixproc.model.ModelException;

/**
 * Orders instances by their dependencies. The depth of an instance is 0 without dependencies, else 1 + the
 * highest depth of its dependencies: the seed's sysvinit start sequence number and supervisord priority minus one
 * (reference §9.5, §9.13). Activation order is by depth, ties broken by name, as the seed's {@code S}-link file
 * names sort.
 */
public final class DependencyGraph {

	private DependencyGraph() {
	}

	/** The result: activation order (dependencies first) and each node's depth. */
	public record Ordering(List<String> activationOrder, Map<String, Integer> depth) {

		public Ordering {
			activationOrder = List.copyOf(activationOrder);
			depth = Map.copyOf(depth);
		}

		/** Deactivation order: dependants first. */
		public List<String> deactivationOrder() {
			List<String> reversed = new ArrayList<>(activationOrder);
			java.util.Collections.reverse(reversed);
			return reversed;
		}

	}

	/**
	 * @param dependencies node → the nodes it depends on; every dependency must be a key
	 * @throws ModelException on a cycle or an unknown node, with the pointer {@code /<node>/pkg/dependencies/<i>}
	 */
	public static Ordering order(Map<String, List<String>> dependencies) {
		Map<String, Integer> depth = new HashMap<>();
		for (String node : dependencies.keySet()) {
			depth(node, dependencies, depth, new LinkedHashMap<>());
		}
		List<String> order = new ArrayList<>(dependencies.keySet());
		order.sort(Comparator.comparing((String node) -> depth.get(node)).thenComparing(Comparator.naturalOrder()));
		return new Ordering(order, depth);
	}

	private static int depth(String node, Map<String, List<String>> dependencies, Map<String, Integer> depth,
			LinkedHashMap<String, Boolean> path) {
		Integer known = depth.get(node);
		if (known != null) {
			return known;
		}
		path.put(node, Boolean.TRUE);
		int result = 0;
		List<String> edges = dependencies.get(node);
		for (int i = 0; i < edges.size(); i++) {
			String dependency = edges.get(i);
			String at = "/" + node + "/pkg/dependencies/" + i;
			if (!dependencies.containsKey(dependency)) {
				throw new ModelException(at, "no instance named " + dependency);
			}
			if (path.containsKey(dependency)) {
				List<String> cycle = new ArrayList<>(path.keySet());
				cycle = new ArrayList<>(cycle.subList(cycle.indexOf(dependency), cycle.size()));
				cycle.add(dependency);
				throw new ModelException(at, "dependency cycle: " + String.join(" -> ", cycle));
			}
			result = Math.max(result, depth(dependency, dependencies, depth, path) + 1);
		}
		path.remove(node);
		depth.put(node, result);
		return result;
	}

}
