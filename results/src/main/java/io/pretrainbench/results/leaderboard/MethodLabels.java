package io.pretrainbench.results.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Short names for leaderboard rows: the method's name, plus — when the board holds several parameter sets of the same
 * method (a sweep), or the same method on several corpora — only the parameters that tell them apart, e.g.
 * {@code autoencoder{noise=0.3}}.
 */
public final class MethodLabels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Object>> MAP = new TypeReference<>() {};

    private final Map<String, TreeSet<String>> differingKeys = new HashMap<>();

    public MethodLabels(List<LeaderboardRow> rows) {
        Map<String, List<Map<String, Object>>> variants = new HashMap<>();
        for (LeaderboardRow r : rows) {
            variants.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(settings(r));
        }
        variants.forEach((method, maps) -> differingKeys.put(method, differing(maps)));
    }

    public String label(LeaderboardRow r) {
        TreeSet<String> keys = differingKeys.get(r.method());
        if (keys == null || keys.isEmpty()) {
            return r.method();
        }
        Map<String, Object> settings = settings(r);
        List<String> parts = new ArrayList<>();
        keys.forEach(k -> parts.add(k + "=" + settings.get(k)));
        return r.method() + "{" + String.join(", ", parts) + "}";
    }

    /**
     * For parameter sets of one method (canonical JSON objects), the settings that tell them apart, e.g.
     * {@code noise=0.3}; empty strings when there is only one set.
     */
    public static Map<String, String> distinguishing(java.util.Collection<String> paramsJson) {
        List<Map<String, Object>> maps =
                paramsJson.stream().distinct().map(MethodLabels::parse).toList();
        TreeSet<String> keys = differing(maps);
        Map<String, String> out = new HashMap<>();
        for (String json : paramsJson) {
            Map<String, Object> settings = parse(json);
            List<String> parts = new ArrayList<>();
            keys.forEach(k -> parts.add(k + "=" + settings.get(k)));
            out.put(json, String.join(", ", parts));
        }
        return out;
    }

    /**
     * For items of several plugins (cells, rows): plugin name → its parameter JSON → the settings that tell that
     * plugin's parameter sets apart, as {@link #distinguishing(java.util.Collection)} gives them per plugin.
     */
    public static <T> Map<String, Map<String, String>> distinguishing(
            java.util.Collection<T> items,
            java.util.function.Function<T, String> name,
            java.util.function.Function<T, String> params) {
        Map<String, List<String>> byName = new HashMap<>();
        items.forEach(i ->
                byName.computeIfAbsent(name.apply(i), n -> new ArrayList<>()).add(params.apply(i)));
        Map<String, Map<String, String>> variants = new HashMap<>();
        byName.forEach((n, all) -> variants.put(n, distinguishing(all)));
        return variants;
    }

    /** {@code plugin{settings}}, or the bare name when no setting tells its variants apart. */
    public static String named(String plugin, String settings) {
        return settings.isEmpty() ? plugin : plugin + "{" + settings + "}";
    }

    private static TreeSet<String> differing(List<Map<String, Object>> maps) {
        TreeSet<String> keys = new TreeSet<>();
        for (Map<String, Object> a : maps) {
            for (Map<String, Object> b : maps) {
                a.keySet().forEach(k -> {
                    if (!Objects.equals(a.get(k), b.get(k))) {
                        keys.add(k);
                    }
                });
            }
        }
        return keys;
    }

    /** The method's parameters, plus its corpus as {@code corpus} and the corpus parameters as {@code corpus.<key>}. */
    private static Map<String, Object> settings(LeaderboardRow r) {
        Map<String, Object> all = new TreeMap<>(parse(r.methodParams()));
        all.put("corpus", r.corpus());
        parse(r.corpusParams()).forEach((k, v) -> all.put("corpus." + k, v));
        return all;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not JSON: " + json, e);
        }
    }
}
