package io.pretrainbench.engine.grid;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One pass over a YAML file's node tree (SnakeYAML's nodes keep line numbers), collecting every problem as
 * {@code file:line: key: what is wrong; what is valid} instead of stopping at the first. The grid parser and the study
 * parser ({@code engine.study}) extend it with what their files hold.
 */
public class YamlWalk {
    private final Path file;
    private final List<String> problems = new ArrayList<>();

    public YamlWalk(Path file) {
        this.file = file;
    }

    /** The node tree of {@code source}; a syntax error or a duplicate key fails at once, naming the line. */
    public static Node compose(Path file, String source) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(options).compose(new StringReader(source));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new GridException(List.of(file + ":" + line + ": YAML syntax error: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new GridException(List.of(file + ": YAML syntax error: " + e.getMessage()));
        }
    }

    /** The problems found so far, in file order of discovery. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Fails with every problem found, if there is any. */
    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new GridException(problems);
        }
    }

    public void problem(Node node, String key, String message) {
        int line = node == null ? 1 : node.getStartMark().getLine() + 1;
        problems.add(file + ":" + line + ": " + key + ": " + message);
    }

    /** A problem in another file the grid names, already written {@code file:line: what}. */
    public void problem(String located) {
        problems.add(located);
    }

    public <T> T missing(Node parent, String key, T fallback) {
        problem(parent, key, "missing");
        return fallback;
    }

    /** The keys of a mapping, refusing unknown and repeated ones. */
    public Map<String, Node> mapping(Node node, String path, List<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path.isEmpty() ? "(top level)" : path, "expected a mapping with keys " + allowed);
            return Map.of();
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            String full = path.isEmpty() ? key : path + "." + key;
            if (!allowed.contains(key)) {
                problem(tuple.getKeyNode(), full, "unknown key; valid keys here: " + allowed);
            } else if (result.put(key, tuple.getValueNode()) != null) {
                problem(tuple.getKeyNode(), full, "given twice");
            }
        }
        return result;
    }

    public String requiredString(Map<String, Node> keys, Node parent, String key) {
        if (!keys.containsKey(key)) {
            return missing(parent, key, "");
        }
        return string(keys.get(key), key);
    }

    public String string(Node node, String key) {
        Object value = scalar(node);
        if (!(value instanceof String s) || s.isBlank()) {
            problem(node, key, "expected a non-empty string");
            return "";
        }
        return s;
    }

    public List<Node> sequence(Node node, String key, String expected) {
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problem(node, key, "expected " + expected);
            return List.of();
        }
        return seq.getValue();
    }

    /** A scalar's value typed by YAML's core schema: Long/BigInteger, Double, Boolean, String, or null. */
    public Object scalar(Node node) {
        if (!(node instanceof ScalarNode s)) {
            return new NotAScalar(node == null ? "nothing" : "a " + node.getNodeId()); // reported as a type mismatch
        }
        Tag tag = s.getTag();
        String text = s.getValue();
        try {
            if (Tag.INT.equals(tag)) {
                BigInteger big = new BigInteger(text.replace("_", ""));
                return big.bitLength() < 63 ? (Object) big.longValue() : big;
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.valueOf(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(
                    text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on"));
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        return text;
    }

    /** How a node reads in a message: a scalar's text, quoted, or what kind of node it is. */
    public String show(Node node) {
        return node instanceof ScalarNode s ? "'" + s.getValue() + "'" : "(a " + node.getNodeId() + ")";
    }

    /** A list or mapping where a plain value was expected; prints as what it is, so messages read well. */
    private record NotAScalar(String what) {
        @Override
        public String toString() {
            return "(" + what + ")";
        }
    }
}
