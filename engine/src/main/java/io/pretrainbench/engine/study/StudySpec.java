package io.pretrainbench.engine.study;

import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed, validated study file: the case studies to run, each set up with its parameters, its alpha, sizes n and
 * replicate count. {@code name} also names the output files.
 */
public record StudySpec(Path file, String name, String description, long seed, List<CaseSpec> cases) {
    public StudySpec {
        cases = List.copyOf(cases);
    }

    /**
     * One entry of the file: case study {@code name} (plugin version {@code version}) set up as {@code model} from
     * {@code params}; m = round(alpha n) pre-training samples for each downstream size n.
     */
    public record CaseSpec(
            String name,
            String version,
            Parameters params,
            CaseModel model,
            double alpha,
            List<Integer> sizes,
            int replicates) {
        public CaseSpec {
            sizes = List.copyOf(sizes);
        }

        public int pretrainingSize(int n) {
            return Math.toIntExact(Math.round(alpha * n));
        }
    }
}
