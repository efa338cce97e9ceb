package io.pretrainbench.engine.grid;

import java.util.List;

/**
 * A grid file that cannot run. Each problem is one line, {@code file:line: key: what is wrong; what is valid}, so
 * editors and terminals can jump to it.
 */
public final class GridException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public GridException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
