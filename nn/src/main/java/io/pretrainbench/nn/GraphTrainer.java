package io.pretrainbench.nn;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.model.Weights;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A model trained with {@link Adam} in one graph: build it on {@link #tf()}, call {@link #minimize} once, then
 * {@link #step()} per minibatch and {@link #read} the trained weights back. Closing frees the session and the graph.
 * The built-in pre-training methods share it, so what differs between them is only their model and their feeds.
 */
public final class GraphTrainer implements AutoCloseable {
    private final Graph graph;
    private final Session session;
    private final Ops tf;
    private Operand<TFloat32> loss;
    private Adam adam;
    private Consumer<RunMetadata> tracer;

    /** An empty graph whose ops go on {@code compute}'s device, with a session on its thread budget. */
    public GraphTrainer(Compute compute) {
        this.graph = new Graph();
        try {
            this.session = Sessions.open(graph, compute);
            this.tf = Sessions.ops(graph, compute);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * The stream a pre-training method draws its decoder's initial weights from: a seed of its own, so that the
     * encoder's initial weights (drawn from {@code seed} itself) are those every method starts from for that seed.
     */
    public static SplittableRandom decoderRandom(long seed) {
        return new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** Builds the model with these. */
    public Ops tf() {
        return tf;
    }

    /** Adds plain Adam on {@code loss} over {@code variables} to the graph and initialises every variable. */
    public void minimize(Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
        requireNoOptimiser();
        minimize(loss, Adam.minimize(tf, loss, variables));
    }

    /**
     * As {@link #minimize(Operand, List)}, with decoupled weight decay on {@code decayed} (AdamW), descending
     * {@code objective} while each step reports {@code loss} (the objective without its regulariser, for example).
     */
    public void minimize(
            Operand<TFloat32> objective,
            Operand<TFloat32> loss,
            List<Variable<TFloat32>> variables,
            Collection<Variable<TFloat32>> decayed,
            double weightDecay) {
        requireNoOptimiser();
        minimize(loss, Adam.minimize(tf, objective, variables, decayed, weightDecay));
    }

    private void requireNoOptimiser() {
        if (adam != null) {
            throw new IllegalStateException("minimize was already called: a trainer has one loss and one optimiser");
        }
    }

    private void minimize(Operand<TFloat32> loss, Adam adam) {
        this.loss = loss;
        this.adam = adam;
        session.initialize();
    }

    /** One optimisation step: add its feeds, then {@link Step#run} it. */
    public Step step() {
        if (adam == null) {
            throw new IllegalStateException("call minimize before the first step");
        }
        return new Step();
    }

    /**
     * Traces every later step with TensorFlow's full tracing and hands its {@link RunMetadata} (per-op step statistics)
     * to {@code tracer}, for profiling ({@code benchmarks.MaeStepProfile}); {@code null} stops tracing. Tracing times
     * each op and so slows the step; it does not change what the step computes.
     */
    public void trace(Consumer<RunMetadata> tracer) {
        this.tracer = tracer;
    }

    /** Reads trained variables back, under the names they were registered with. */
    public Weights read(Map<String, Variable<TFloat32>> variables) {
        return Sessions.read(session, variables);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    /**
     * The feeds of one step, in the order they are added; the tensors are closed when the step has run (or when adding
     * a feed fails).
     */
    public final class Step {
        private final List<Placeholder<?>> placeholders = new ArrayList<>();
        private final List<Tensor> tensors = new ArrayList<>();
        private final List<Op> alsoRun = new ArrayList<>();

        private Step() {}

        /** Feeds the first {@code shape}-many values of {@code values} (copied) to {@code placeholder}. */
        public Step floats(Placeholder<TFloat32> placeholder, float[] values, long... shape) {
            return feed(placeholder, () -> Sessions.floats(values, shape));
        }

        /** Feeds the first {@code shape}-many values of {@code values} (copied) to {@code placeholder}. */
        public Step ints(Placeholder<TInt32> placeholder, int[] values, long... shape) {
            return feed(placeholder, () -> Sessions.ints(values, shape));
        }

        /** Also runs {@code target} in this step (an update of a variable outside the optimiser). */
        public Step alsoRun(Op target) {
            alsoRun.add(target);
            return this;
        }

        private Step feed(Placeholder<?> placeholder, java.util.function.Supplier<Tensor> tensor) {
            try {
                tensors.add(tensor.get());
            } catch (RuntimeException e) {
                tensors.forEach(Tensor::close);
                throw e;
            }
            placeholders.add(placeholder);
            return this;
        }

        /**
         * Computes the loss on these feeds without updating anything (for a held-out loss), and closes the feeds.
         * Targets added by {@link #alsoRun} are not run: they belong to updates.
         */
        public float evaluate() {
            try (Result result = fed().fetch(loss).run()) {
                return Sessions.scalar(result.get(0));
            } finally {
                tensors.forEach(Tensor::close);
            }
        }

        private Session.Runner fed() {
            Session.Runner runner = session.runner();
            for (int i = 0; i < tensors.size(); i++) {
                runner.feed(placeholders.get(i), tensors.get(i));
            }
            return runner;
        }

        /**
         * Feeds {@code learningRate}, runs the update (and {@link #alsoRun} targets) and closes the feeds.
         *
         * @return the loss, computed before the update
         */
        public float run(float learningRate) {
            try (TFloat32 rate = TFloat32.scalarOf(learningRate)) {
                Session.Runner runner = fed();
                runner.feed(adam.learningRate(), rate).addTarget(adam.update());
                alsoRun.forEach(runner::addTarget);
                runner.fetch(loss);
                if (tracer == null) {
                    try (Result result = runner.run()) {
                        return Sessions.scalar(result.get(0));
                    }
                }
                runner.setOptions(RunOptions.newBuilder()
                        .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE)
                        .build());
                try (Result result = runner.runAndFetchMetadata()) {
                    result.getMetadata().ifPresent(tracer);
                    return Sessions.scalar(result.get(0));
                }
            } finally {
                tensors.forEach(Tensor::close);
            }
        }
    }
}
