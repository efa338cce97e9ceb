package io.pretrainbench.asymptotics;

import java.nio.file.Path;
import java.util.List;

/** A parsed, validated study file: the case studies to run, each with its alpha, sizes n and replicate count. */
public record StudySpec(Path file, String name, String description, long seed, List<CaseSpec> cases) {
  public StudySpec {
    cases = List.copyOf(cases);
  }

  /** One case study of the file: m = round(alpha n) pre-training samples for each downstream size n. */
  public record CaseSpec(CaseStudy study, double alpha, List<Integer> sizes, int replicates) {
    public CaseSpec {
      sizes = List.copyOf(sizes);
    }

    public int pretrainingSize(int n) {
      return Math.toIntExact(Math.round(alpha * n));
    }
  }
}
