package io.nifidq.ml.train;

import java.io.IOException;
import java.nio.file.Path;

/** A trained model of some family, ready to be written as a model version (see {@link ModelPublisher}). */
public interface TrainedModel {

    /** The {@link io.nifidq.ml.model.ModelType} name stored in the version's metadata, which tells a reader the family. */
    String modelType();

    /** Writes the model's own files (weights, and what serving it needs) into the version directory being built. */
    void writeFiles(Path directory) throws IOException;
}
