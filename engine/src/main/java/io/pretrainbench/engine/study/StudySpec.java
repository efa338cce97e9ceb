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

    /** How a replicate's R treats the downstream label noise (the study file's {@code label_noise}). */
    public enum LabelNoise {
        /** Drawn, as a real downstream sample has it: the mean of n (R - sigma^2) is compared with the limit. */
        REALISED,
        /**
         * Averaged out in closed form (Proposition B.1), so n (R - sigma^2) can be compared with the limit law in
         * distribution; the case's model must be a {@link io.pretrainbench.api.study.DistributionalModel}.
         */
        AVERAGED
    }

    /**
     * A sweep entry: the predicted limit (no Monte Carlo) for each value of one parameter, the others fixed.
     *
     * @param models the case set up at each value, in the order of {@code values}
     */
    public record Sweep(String parameter, List<Double> values, List<CaseModel> models) {
        public Sweep {
            values = List.copyOf(values);
            models = List.copyOf(models);
        }
    }

    /**
     * One entry of the file: case study {@code name} (plugin version {@code version}) set up as {@code model} from
     * {@code params}; m = round(alpha n) pre-training samples for each downstream size n. A sweep entry has no sizes
     * and a {@code sweep}; a Monte-Carlo entry has sizes and a null sweep.
     */
    public record CaseSpec(
            String name,
            String version,
            Parameters params,
            CaseModel model,
            double alpha,
            List<Integer> sizes,
            int replicates,
            LabelNoise labelNoise,
            Sweep sweep) {
        public CaseSpec {
            sizes = List.copyOf(sizes);
        }

        /** A Monte-Carlo entry with realised label noise, as study files without the newer keys have. */
        public CaseSpec(
                String name,
                String version,
                Parameters params,
                CaseModel model,
                double alpha,
                List<Integer> sizes,
                int replicates) {
            this(name, version, params, model, alpha, sizes, replicates, LabelNoise.REALISED, null);
        }

        public int pretrainingSize(int n) {
            return Math.toIntExact(Math.round(alpha * n));
        }
    }
}
