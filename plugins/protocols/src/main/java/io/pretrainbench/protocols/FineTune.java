package io.pretrainbench.protocols;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.Minibatches;
import io.pretrainbench.nn.TrainingLoop;
import java.util.List;
import java.util.Locale;

/**
 * Full fine-tuning: every encoder weight and a softmax-linear head are trained together with AdamW, the encoder with
 * its own learning rate (pre-trained weights usually want a smaller one). The epoch with the best validation accuracy
 * is kept; the test split is only used for the final measurement. Applied to {@code scratch}, this is supervised
 * learning from scratch.
 *
 * <p>{@code head_epochs} &gt; 0 trains the head alone first (encoder learning rate 0), then everything: LP-FT (Kumar et
 * al., ICLR 2022), which keeps a random head's large early gradients from distorting pre-trained features.
 *
 * <p>Patience counts epochs, and an epoch of a small budget is a single step (20 labels, batch 32), so patience alone
 * would stop tiny budgets after a few dozen updates on a handful of validation examples; {@code min_steps} keeps
 * training for at least that many optimisation steps (within {@code epochs}) whatever the validation accuracy does.
 *
 * <p>{@code optimizer: sgd} replaces AdamW by plain minibatch gradient descent (no momentum) with the same learning
 * rates, whose step is proportional to the gradient and so shrinks as the training loss is fit: the dynamics of the
 * lottery-ticket argument on multi-view data (Allen-Zhu &amp; Li 2020; Pan et al., ICLR 2023), which analyse gradient
 * descent on the unregularised loss, so {@code weight_decay: 0} is their setting; a positive value adds {@code λ·w} to
 * the kernels' gradients (for gradient descent the same as decoupled decay). Gradient descent wants learning rates
 * orders of magnitude larger than Adam's defaults.
 */
public final class FineTune implements FineTuningProtocol {
    private static final int EVAL_BATCH = 256;

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "fine-tune",
                "1.3.0",
                "All weights trained (AdamW or plain SGD, separate encoder learning rate); early stopping on the"
                        + " validation"
                        + " hold-out.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.integer(
                                "epochs", 100, 1, 10_000, "maximum passes over the labelled training examples"),
                        ParameterSpec.integer("batch_size", 32, 1, 4096, "examples per step"),
                        ParameterSpec.choice(
                                "optimizer",
                                "adamw",
                                List.of("adamw", "sgd"),
                                "adamw: AdamW; sgd: plain minibatch gradient descent, no momentum (the multi-view"
                                        + " analyses' dynamics)"),
                        ParameterSpec.real("learning_rate", 1e-3, 1e-7, 100.0, "learning rate of the head"),
                        ParameterSpec.real("encoder_learning_rate", 5e-4, 0.0, 100.0, "learning rate of the encoder"),
                        ParameterSpec.real(
                                "weight_decay",
                                0.05,
                                0.0,
                                10.0,
                                "weight decay on kernels (AdamW: decoupled; sgd: an L2 term, the same for gradient"
                                        + " descent)"),
                        ParameterSpec.integer(
                                "patience",
                                20,
                                1,
                                10_000,
                                "stop after this many epochs without a better validation accuracy"),
                        ParameterSpec.integer(
                                "head_epochs",
                                0,
                                0,
                                10_000,
                                "first epochs train the head only (encoder frozen), as in LP-FT; 0 = all weights"
                                        + " from the start"),
                        ParameterSpec.integer(
                                "min_steps",
                                0,
                                0,
                                10_000_000,
                                "never stop early before this many optimisation steps (small budgets have one step"
                                        + " per epoch)")));
    }

    @Override
    public FineTuneResult fineTune(FineTuningContext context) {
        Parameters p = context.params();
        Encoder encoder = context.encoder();
        Minibatches batches = new Minibatches(context.train(), p.getInt("batch_size"), context.seed());
        FineTuneModel.Update update =
                FineTuneModel.Update.valueOf(p.getString("optimizer").toUpperCase(Locale.ROOT));
        try (FineTuneModel model = new FineTuneModel(
                encoder,
                context.numClasses(),
                update,
                p.getDouble("weight_decay"),
                context.seed(),
                context.compute())) {
            float encoderRate = (float) p.getDouble("encoder_learning_rate");
            float headRate = (float) p.getDouble("learning_rate");
            TrainingLoop loop = new TrainingLoop(
                    batches, p.getInt("epochs"), "finetune", context.progress(), context.cancellation());
            Weights bestEncoder = null;
            LinearHead bestHead = null;
            double bestValidation = Double.NEGATIVE_INFINITY;
            int sinceBest = 0;
            int headEpochs = p.getInt("head_epochs");
            int minEpochs = Math.max(headEpochs, ceilDiv(p.getInt("min_steps"), batches.stepsPerEpoch()));
            for (int epoch = 0;
                    epoch < loop.epochs() && (epoch < minEpochs || sinceBest < p.getInt("patience"));
                    epoch++) {
                float rate = epoch < headEpochs ? 0f : encoderRate;
                loop.epoch((inputs, labels, rows, step) -> model.step(inputs, labels, rows, rate, headRate));
                boolean noValidation = context.validation().count() == 0;
                double accuracy = noValidation ? Double.NaN : model.accuracy(context.validation());
                if (noValidation || accuracy > bestValidation) {
                    bestValidation = accuracy;
                    bestEncoder = model.encoderWeights();
                    bestHead = model.head();
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                if (epoch == headEpochs - 1) {
                    sinceBest = 0; // the full fine-tuning phase gets its own patience
                }
            }
            Encoder tuned = encoder.withWeights(bestEncoder);
            FeatureMatrix train = EncoderFeatures.compute(tuned, context.train(), context.compute(), EVAL_BATCH);
            FeatureMatrix test = EncoderFeatures.compute(tuned, context.test(), context.compute(), EVAL_BATCH);
            HeadEvaluation onTrain =
                    HeadEvaluation.of(bestHead, train, context.train().labels());
            HeadEvaluation onTest =
                    HeadEvaluation.of(bestHead, test, context.test().labels());
            return new FineTuneResult(
                    tuned,
                    bestHead.toHead(),
                    new Metrics(onTrain.accuracy(), onTest.accuracy(), onTrain.risk(), onTest.risk(), bestValidation));
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
