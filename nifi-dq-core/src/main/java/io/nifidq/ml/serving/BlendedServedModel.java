package io.nifidq.ml.serving;

import ai.djl.metric.Metrics;
import io.nifidq.ml.train.BlendedModelFamily;

import java.util.List;

/**
 * A version trained by a {@link BlendedModelFamily}: both models answer every call and their probabilities are blended
 * with the share chosen on validation at training time.
 */
final class BlendedServedModel implements ServedModel {

    private final ServedModel first;
    private final ServedModel second;
    private final float share;

    BlendedServedModel(final ServedModel first, final ServedModel second, final float share) {
        if (!first.labels().equals(second.labels())) {
            throw new IllegalArgumentException("the blended models disagree on the labels: " + first.labels() + ", " + second.labels());
        }
        this.first = first;
        this.second = second;
        this.share = share;
    }

    @Override
    public List<String> labels() {
        return first.labels();
    }

    @Override
    public String runsOn() {
        return first.runsOn();
    }

    @Override
    public Scores score(final List<String> texts, final int batchSize) {
        final Scores a = first.score(texts, batchSize);
        final Scores b = second.score(texts, batchSize);
        return new Scores(BlendedModelFamily.blend(a.probabilities(), b.probabilities(), share), a.truncatedTexts());
    }

    @Override
    public void setMetrics(final Metrics metrics) {
        first.setMetrics(metrics);
        second.setMetrics(metrics);
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
