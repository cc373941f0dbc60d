package io.nifidq.ml.encoder;


import java.nio.file.Path;
import java.util.List;

/**
 * A measurement, not a test: texts per second of a bundled encoder over the text column of a CSV file.
 * Arguments: csv [encoder name] [batch size] [intra-op threads] [parallel runs] [repeats]. Prints one line per pass.
 */
public final class EncoderThroughput {

    private EncoderThroughput() {
    }

    public static void main(final String[] args) throws Exception {
        final Path csv = Path.of(args[0]);
        final String name = args.length > 1 ? args[1] : BundledEncoders.ENGLISH;
        final int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        final int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        final int parallelRuns = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        final int repeats = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        final List<String> texts = readTexts(csv);
        final EncoderOptions options = EncoderOptions.builder().optBatchSize(batchSize).optIntraOpThreads(threads)
                .optParallelRuns(parallelRuns).build();
        final long loadStart = System.nanoTime();
        try (BertEncoder encoder = BertEncoder.loadBundled(name, options)) {
            System.out.printf("%s loaded in %.1f s (%s, %s)%n", name, (System.nanoTime() - loadStart) / 1e9, encoder.engine(),
                    encoder.executionProvider());
            for (int run = 1; run <= repeats; run++) {
                final long start = System.nanoTime();
                final Embeddings embeddings = encoder.embed(texts);
                final double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("pass %d: %d texts, batch %d, %d intra-op threads, %d parallel runs: %.2f s, %.1f texts/s, %.0f tokens/s,"
                        + " %d truncated%n", run, texts.size(), batchSize, threads, parallelRuns, seconds, texts.size() / seconds, embeddings.tokens() / seconds,
                        embeddings.truncatedTexts());
            }
        }
    }

    private static List<String> readTexts(final Path csv) throws Exception {
        return io.nifidq.testing.SharedDatasets.column(csv, "text", Integer.MAX_VALUE);
    }
}
