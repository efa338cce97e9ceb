package io.pretrainbench.results.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which cells a side of a comparison takes: a method name, optionally narrowed to parameter values in the leaderboard's
 * label syntax, e.g. {@code scratch{architecture=vit}}. Needed when a store holds several baselines, such as
 * {@code scratch} on a ViT for {@code mae} and on a CNN for {@code context-encoder}.
 */
public record MethodSelector(String method, Map<String, String> params) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code name} or {@code name{key=value,key=value}}. */
    public static MethodSelector parse(String text) {
        int brace = text.indexOf('{');
        if (brace < 0) {
            return new MethodSelector(text.strip(), Map.of());
        }
        if (!text.endsWith("}") || brace == 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a method selector; write name or name{key=value,...}");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : text.substring(brace + 1, text.length() - 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' in '" + text + "' is not key=value");
            }
            params.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return new MethodSelector(text.substring(0, brace).strip(), Map.copyOf(params));
    }

    /** Whether a cell of {@code cellMethod} with canonical JSON parameters {@code methodParams} is selected. */
    public boolean matches(String cellMethod, String methodParams) {
        if (!method.equals(cellMethod)) {
            return false;
        }
        if (params.isEmpty()) {
            return true;
        }
        JsonNode values;
        try {
            values = JSON.readTree(methodParams);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored method parameters are not JSON: " + methodParams, e);
        }
        return params.entrySet().stream()
                .allMatch(p -> values.has(p.getKey())
                        && values.get(p.getKey()).asText().equals(p.getValue()));
    }

    @Override
    public String toString() {
        return params.isEmpty() ? method : method + params;
    }
}
