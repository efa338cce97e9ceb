package io.pretrainbench.asymptotics;

import java.util.List;

/** A study file that cannot run; each problem is one line, {@code file:line: key: what is wrong; what is valid}. */
public final class StudyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public StudyException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
